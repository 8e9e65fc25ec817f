//! Typed access to a spanned TOML table that records every problem (unknown key,
//! wrong type, value out of range) and carries on, so one pass reports them all.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Sink;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// A table of the scenario and its dotted path (`""` for the top level).
#[derive(Clone)]
pub struct Section<'t, 'i> {
    pub path: &'t str,
    pub table: &'t DeTable<'i>,
    pub span: Range<usize>,
}

impl<'t, 'i> Section<'t, 'i> {
    pub fn new(path: &'t str, table: &'t DeTable<'i>, span: Range<usize>) -> Self {
        Section { path, table, span }
    }

    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn where_(&self) -> String {
        if self.path.is_empty() {
            "at the top level".to_string()
        } else {
            format!("in [{}]", self.path)
        }
    }

    fn key_name(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{}", self.path, key)
        }
    }

    /// Reports every key not in `known`.
    pub fn deny_unknown(&self, sink: &mut Sink, known: &[&str]) {
        for (k, _) in self.table.iter() {
            let name = k.get_ref().as_ref();
            if !known.contains(&name) {
                let hint = closest(name, known).map(|c| format!("did you mean `{c}`?"));
                sink.push(
                    k.span(),
                    format!("unknown key `{name}` {}", self.where_()),
                    format!(
                        "one of {}",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!("`{name}`"),
                    hint,
                );
            }
        }
    }

    /// A sub-table; missing is fine (defaults apply), any other type is an error.
    pub fn table(&self, sink: &mut Sink, key: &str) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            other => {
                sink.error(
                    v.span(),
                    format!("`{}` must be a table", self.key_name(key)),
                    "a table".into(),
                    describe(other),
                );
                None
            }
        }
    }

    pub fn number(&self, sink: &mut Sink, key: &str, default: f64, min: f64, max: f64) -> f64 {
        let Some(v) = self.get(key) else {
            return default;
        };
        match as_number(v.get_ref()) {
            Some(x) if x.is_finite() && x >= min && x <= max => x,
            Some(x) => {
                sink.error(
                    v.span(),
                    format!("`{}` is out of range", self.key_name(key)),
                    range_text(min, max),
                    fmt_num(x),
                );
                default
            }
            None => {
                sink.error(
                    v.span(),
                    format!("`{}` has the wrong type", self.key_name(key)),
                    "a number".into(),
                    describe(v.get_ref()),
                );
                default
            }
        }
    }

    pub fn integer(&self, sink: &mut Sink, key: &str, default: u64, min: u64, max: u64) -> u64 {
        let Some(v) = self.get(key) else {
            return default;
        };
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        match parsed {
            Some(x) if x >= 0 && (x as u64) >= min && (x as u64) <= max => x as u64,
            Some(x) => {
                sink.error(
                    v.span(),
                    format!("`{}` is out of range", self.key_name(key)),
                    format!("a whole number from {min} to {max}"),
                    x.to_string(),
                );
                default
            }
            None => {
                sink.error(
                    v.span(),
                    format!("`{}` has the wrong type", self.key_name(key)),
                    "a whole number".into(),
                    describe(v.get_ref()),
                );
                default
            }
        }
    }

    pub fn boolean(&self, sink: &mut Sink, key: &str, default: bool) -> bool {
        let Some(v) = self.get(key) else {
            return default;
        };
        match v.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                sink.error(
                    v.span(),
                    format!("`{}` has the wrong type", self.key_name(key)),
                    "true or false".into(),
                    describe(other),
                );
                default
            }
        }
    }

    pub fn string(&self, sink: &mut Sink, key: &str) -> Option<(String, Range<usize>)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            other => {
                sink.error(
                    v.span(),
                    format!("`{}` has the wrong type", self.key_name(key)),
                    "a string".into(),
                    describe(other),
                );
                None
            }
        }
    }

    /// A string that must be one of `choices`.
    pub fn choice(&self, sink: &mut Sink, key: &str, choices: &[&str], default: &str) -> String {
        match self.string(sink, key) {
            None => default.to_string(),
            Some((s, span)) if choices.contains(&s.as_str()) => {
                let _ = span;
                s
            }
            Some((s, span)) => {
                let hint = closest(&s, choices).map(|c| format!("did you mean `{c}`?"));
                sink.push(
                    span,
                    format!("`{}` has an unknown value", self.key_name(key)),
                    format!(
                        "one of {}",
                        choices
                            .iter()
                            .map(|c| format!("\"{c}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!("\"{s}\""),
                    hint,
                );
                default.to_string()
            }
        }
    }

    /// An array of exactly N numbers, each within [min, max].
    pub fn numbers<const N: usize>(
        &self,
        sink: &mut Sink,
        key: &str,
        default: [f64; N],
        min: f64,
        max: f64,
    ) -> [f64; N] {
        let Some(v) = self.get(key) else {
            return default;
        };
        let DeValue::Array(items) = v.get_ref() else {
            sink.error(
                v.span(),
                format!("`{}` has the wrong type", self.key_name(key)),
                format!("an array of {N} numbers"),
                describe(v.get_ref()),
            );
            return default;
        };
        if items.len() != N {
            sink.error(
                v.span(),
                format!("`{}` has the wrong length", self.key_name(key)),
                format!("an array of {N} numbers"),
                format!("{} item(s)", items.len()),
            );
            return default;
        }
        let mut out = default;
        for (i, item) in items.iter().enumerate() {
            match as_number(item.get_ref()) {
                Some(x) if x.is_finite() && x >= min && x <= max => out[i] = x,
                Some(x) => sink.error(
                    item.span(),
                    format!("item {} of `{}` is out of range", i + 1, self.key_name(key)),
                    range_text(min, max),
                    fmt_num(x),
                ),
                None => sink.error(
                    item.span(),
                    format!(
                        "item {} of `{}` has the wrong type",
                        i + 1,
                        self.key_name(key)
                    ),
                    "a number".into(),
                    describe(item.get_ref()),
                ),
            }
        }
        out
    }
}

pub fn as_number(v: &DeValue) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|x| x as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        _ => None,
    }
}

/// How a found value is shown in a message.
pub fn describe(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => format!("the string \"{s}\""),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("the boolean {b}"),
        DeValue::Datetime(d) => format!("the date-time {d}"),
        DeValue::Array(a) => format!("an array of {} item(s)", a.len()),
        DeValue::Table(_) => "a table".to_string(),
    }
}

fn range_text(min: f64, max: f64) -> String {
    match (min.is_finite(), max.is_finite()) {
        (true, true) => format!("a number from {} to {}", fmt_num(min), fmt_num(max)),
        (true, false) => format!("a number of at least {}", fmt_num(min)),
        (false, true) => format!("a number of at most {}", fmt_num(max)),
        (false, false) => "a finite number".to_string(),
    }
}

/// A number as a person would write it: no float noise (0.9, not 0.8999999999999999).
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    if x.abs() >= 1e15 || (x != 0.0 && x.abs() < 1e-6) {
        return format!("{x:e}");
    }
    let s = format!("{x:.9}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The known key closest to a misspelt one, if any is close.
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A named sub-table of `parent` as a section at `path`; missing is fine
/// (defaults apply), any other type is an error.
pub fn section<'t, 'i>(
    parent: &Section<'t, 'i>,
    sink: &mut Sink,
    key: &'t str,
    path: &'t str,
) -> Option<Section<'t, 'i>> {
    parent
        .table(sink, key)
        .map(|(t, span): (&'t DeTable<'i>, _)| Section::new(path, t, span))
}
