//! A `[sweep]` table read from its spanned tree: the swept parameter (and an
//! optional second, `[sweep.by]`), its listed values or generated range, and
//! the target metric whose crossing is reported. `overrides` applies the points.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Sink;
use super::reader::{Section, as_number, describe};
use crate::model::metric::{self, Metric};

/// Keys a sweep or variant may not change: they define the file, not a scenario.
pub(super) const FIXED: [&str; 4] = ["schema_version", "dataset", "variant", "sweep"];
/// Most points a sweep's axis may have.
const MAX_POINTS: usize = 1_000;
/// Most points a whole sweep may have (both axes together): each point is a
/// scenario held in memory and run, so 1,000 × 1,000 would need gigabytes
/// before the first draw.
const MAX_TOTAL_POINTS: usize = 2_000;

/// One swept parameter: listed values, or a generated range.
pub(super) struct Axis<'i> {
    pub parameter: (String, Range<usize>),
    pub values: Vec<AxisValue<'i>>,
}

pub(super) enum AxisValue<'i> {
    Listed(Spanned<DeValue<'i>>),
    /// Key `v<id>` of the generated snippet, with the span of `from`.
    Generated(String, Range<usize>, String),
}

pub(super) struct SweepSpec<'i> {
    pub axis: Axis<'i>,
    pub by: Option<Axis<'i>>,
    pub target_metric: Metric,
    pub target: Option<f64>,
}

impl<'i> Axis<'i> {
    pub fn value<'a>(&self, i: usize, generated: &DeTable<'a>) -> Spanned<DeValue<'a>>
    where
        'i: 'a,
    {
        axis_value(&self.values[i], generated)
    }
}

fn axis_value<'a, 'i: 'a>(v: &AxisValue<'i>, generated: &DeTable<'a>) -> Spanned<DeValue<'a>> {
    match v {
        AxisValue::Listed(x) => x.clone(),
        AxisValue::Generated(key, span, _) => {
            let value = generated
                .get(key.as_str())
                .expect("snippet holds every generated value")
                .get_ref()
                .clone();
            Spanned::new(span.clone(), value)
        }
    }
}

impl<'i> SweepSpec<'i> {
    pub fn snippet(&self) -> String {
        let mut s = String::new();
        let by = self.by.iter().flat_map(|b| b.values.iter());
        for v in self.axis.values.iter().chain(by) {
            if let AxisValue::Generated(key, _, literal) = v {
                s.push_str(&format!("{key} = {literal}\n"));
            }
        }
        s
    }
}

fn read_axis<'i>(s: &Section<'_, 'i>, sink: &mut Sink, prefix: &str) -> Option<Axis<'i>> {
    let parameter = match s.string(sink, "parameter") {
        Some((p, span)) => {
            let valid = !p.is_empty()
                && p.split('.').all(|seg| {
                    !seg.is_empty()
                        && seg
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            if !valid {
                sink.error(
                    span,
                    format!("`{}.parameter` is not a key path", s.path),
                    "a dotted key such as \"pool.officers\"".into(),
                    format!("\"{p}\""),
                );
                return None;
            }
            if FIXED.contains(&p.split('.').next().unwrap_or(""))
                || p == "name"
                || p == "description"
            {
                sink.error(
                    span,
                    format!("`{}.parameter` cannot be swept", s.path),
                    "a key that defines a scenario, e.g. \"pool.officers\" or \"structure.units\""
                        .into(),
                    format!("\"{p}\""),
                );
                return None;
            }
            (p, span)
        }
        None => {
            sink.error(
                s.span.clone(),
                format!("[{}] needs a `parameter`", s.path),
                "parameter = \"pool.officers\" (a dotted key)".into(),
                "no parameter".into(),
            );
            return None;
        }
    };
    let listed = s.get("values");
    let range = ["from", "to", "step"].map(|k| s.get(k));
    let mut values = Vec::new();
    match (listed, range) {
        (Some(v), [None, None, None]) => match v.get_ref() {
            DeValue::Array(items) if !items.is_empty() && items.len() <= MAX_POINTS => {
                values.extend(items.iter().cloned().map(AxisValue::Listed))
            }
            other => {
                sink.error(
                    v.span(),
                    format!("`{}.values` must list the values to run", s.path),
                    format!("an array of 1 to {MAX_POINTS} values"),
                    describe(other),
                );
                return None;
            }
        },
        (None, [Some(from), Some(to), Some(step)]) => {
            let nums = [from, to, step].map(|v| as_number(v.get_ref()));
            let [Some(a), Some(b), Some(st)] = nums else {
                for (k, v) in ["from", "to", "step"].iter().zip([from, to, step]) {
                    if as_number(v.get_ref()).is_none() {
                        sink.error(
                            v.span(),
                            format!("`{}.{k}` has the wrong type", s.path),
                            "a number".into(),
                            describe(v.get_ref()),
                        );
                    }
                }
                return None;
            };
            if st == 0.0 || !st.is_finite() {
                sink.error(
                    step.span(),
                    format!("`{}.step` cannot be zero", s.path),
                    "a non-zero number".into(),
                    "0".into(),
                );
                return None;
            }
            let st = if (b - a) * st < 0.0 { -st } else { st };
            let n = ((b - a) / st + 1e-9).floor() as i64 + 1;
            if n < 1 || n as usize > MAX_POINTS {
                sink.error(
                    step.span(),
                    format!("`{}` makes too many points", s.path),
                    format!("at most {MAX_POINTS} points"),
                    format!("{n}"),
                );
                return None;
            }
            let integers = [from, to, step]
                .iter()
                .all(|v| matches!(v.get_ref(), DeValue::Integer(_)));
            for k in 0..n {
                let x = a + k as f64 * st;
                let literal = if integers {
                    format!("{}", x.round() as i64)
                } else {
                    format!("{x:?}")
                };
                values.push(AxisValue::Generated(
                    format!("{prefix}{k}"),
                    from.span(),
                    literal,
                ));
            }
        }
        _ => {
            sink.error(
                s.span.clone(),
                format!("[{}] needs its values", s.path),
                "either `values = [...]` or all of `from`, `to`, `step`".into(),
                "neither, or both".into(),
            );
            return None;
        }
    }
    Some(Axis { parameter, values })
}

pub(super) fn read_sweep<'i>(v: &Spanned<DeValue<'i>>, sink: &mut Sink) -> Option<SweepSpec<'i>> {
    let DeValue::Table(t) = v.get_ref() else {
        sink.error(
            v.span(),
            "`sweep` must be a table".into(),
            "a [sweep] table".into(),
            describe(v.get_ref()),
        );
        return None;
    };
    let s = Section::new("sweep", t, v.span());
    s.deny_unknown(
        sink,
        &[
            "parameter",
            "values",
            "from",
            "to",
            "step",
            "target_metric",
            "target",
            "by",
        ],
    );
    let axis = read_axis(&s, sink, "v");
    let by = match s.table(sink, "by") {
        Some((bt, span)) => {
            let b = Section::new("sweep.by", bt, span);
            b.deny_unknown(sink, &["parameter", "values", "from", "to", "step"]);
            Some(read_axis(&b, sink, "b")?)
        }
        None => None,
    };
    let keys: Vec<&str> = metric::LONDON.metrics.iter().map(|m| m.key()).collect();
    let target_metric = s.choice(sink, "target_metric", &keys, Metric::IOnTime.key());
    let target_metric = Metric::from_key(&target_metric).unwrap_or(Metric::IOnTime);
    let target = s
        .get("target")
        .map(|_| s.number(sink, "target", 0.9, f64::NEG_INFINITY, f64::INFINITY));
    let axis = axis?;
    if let Some(b) = &by
        && b.parameter.0 == axis.parameter.0
    {
        sink.error(
            b.parameter.1.clone(),
            "the sweep varies the same key twice".into(),
            "two different keys".into(),
            format!("\"{}\" twice", b.parameter.0),
        );
        return None;
    }
    if let Some(b) = &by {
        let total = axis.values.len() * b.values.len();
        if total > MAX_TOTAL_POINTS {
            sink.error(
                b.parameter.1.clone(),
                "the sweep has too many points".into(),
                format!(
                    "at most {MAX_TOTAL_POINTS} points in all (each is a scenario held in memory and run)"
                ),
                format!(
                    "{} × {} = {total} points",
                    axis.values.len(),
                    b.values.len()
                ),
            );
            return None;
        }
    }
    Some(SweepSpec {
        axis,
        by,
        target_metric,
        target,
    })
}
