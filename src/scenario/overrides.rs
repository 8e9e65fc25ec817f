//! One file, several scenarios: `[[variant]]` tables merged over the base, or a
//! `[sweep]` that sets one or two keys to each of a list or range of values.
//! Overrides are applied to the spanned tree and the result goes through the same
//! validation as the base, so a bad override is reported where it was written.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Diagnostics, Sink};
use super::reader::describe;
use super::sweep::{FIXED, read_sweep};
use super::{DatasetCache, LoadError, validate};
use crate::model::{Scenario, ScenarioFile, Sweep};

fn parse_error(file: &str, text: &str, e: &toml::de::Error) -> LoadError {
    let mut sink = Sink::new(file, text);
    sink.error(
        e.span().unwrap_or(0..0),
        "the file is not valid TOML".into(),
        "valid TOML".into(),
        e.message().trim().to_string(),
    );
    LoadError::Scenario(Diagnostics(sink.finish()))
}

/// Reads a file: its base, and its variants or sweep points.
pub fn parse_file(
    file: &str,
    text: &str,
    default_name: &str,
    base_dir: &Path,
    cache: &mut DatasetCache,
) -> Result<ScenarioFile, LoadError> {
    let root = DeTable::parse(text).map_err(|e| parse_error(file, text, &e))?;
    let mut base = root.get_ref().clone();
    let variants = base.remove("variant");
    let sweep = base.remove("sweep");
    let base = Spanned::new(root.span(), base);
    let mut sink = Sink::new(file, text);

    if let (Some(v), Some(_)) = (&variants, &sweep) {
        sink.error(
            v.span(),
            "a file holds either [[variant]] tables or a [sweep]".into(),
            "one of them".into(),
            "both".into(),
        );
        return Err(LoadError::Scenario(Diagnostics(sink.finish())));
    }
    let base_scenario = validate(file, text, &base, default_name, base_dir, cache);
    let base_name = match &base_scenario {
        Ok(b) => b.name.clone(),
        Err(_) => default_name.to_string(),
    };

    if let Some(v) = variants {
        let tables = read_variants(&v, &mut sink);
        let mut results = vec![base_scenario];
        let mut names: HashSet<String> = HashSet::new();
        if let Ok(b) = &results[0] {
            names.insert(b.name.clone());
        }
        for (name, name_span, table) in tables {
            if !names.insert(name.clone()) {
                sink.error(
                    name_span,
                    format!("variant name `{name}` is used twice"),
                    "a name unique in the file (and not the base's)".into(),
                    format!("\"{name}\""),
                );
                continue;
            }
            let mut merged = base.get_ref().clone();
            merge(&mut merged, &table);
            merged.insert(
                Spanned::new(name_span, Cow::Borrowed("name")),
                Spanned::new(name_span_value(&table), DeValue::String(Cow::Owned(name))),
            );
            results.push(validate(
                file,
                text,
                &Spanned::new(base.span(), merged),
                default_name,
                base_dir,
                cache,
            ));
        }
        return collect(sink, base_name, results, None);
    }

    if let Some(sw) = sweep {
        let Some(spec) = read_sweep(&sw, &mut sink) else {
            return collect(sink, base_name, vec![base_scenario], None);
        };
        // Generated range values are parsed from a snippet that lives as long as the trees.
        let snippet = spec.snippet();
        let generated = DeTable::parse(&snippet).map_err(|e| parse_error(file, &snippet, &e))?;
        let mut results = Vec::new();
        let mut sweep = Sweep {
            parameter: spec.axis.parameter.0.clone(),
            values: Vec::new(),
            by: spec
                .by
                .as_ref()
                .map(|b| (b.parameter.0.clone(), Vec::new())),
            target_metric: spec.target_metric,
            target: spec.target,
        };
        let by_points: Vec<Option<usize>> = match &spec.by {
            Some(b) => (0..b.values.len()).map(Some).collect(),
            None => vec![None],
        };
        for by_index in by_points {
            for i in 0..spec.axis.values.len() {
                let mut tree = base.get_ref().clone();
                let value = spec.axis.value(i, generated.get_ref());
                set_path(&mut tree, &spec.axis.parameter, value.clone());
                let mut label = format!(
                    "{}-{}",
                    last(&spec.axis.parameter.0),
                    text_of(value.get_ref())
                );
                if let (Some(b), Some(j)) = (&spec.by, by_index) {
                    let v = b.value(j, generated.get_ref());
                    set_path(&mut tree, &b.parameter, v.clone());
                    label = format!("{}-{}-{label}", last(&b.parameter.0), text_of(v.get_ref()));
                    if let Some((_, vs)) = &mut sweep.by {
                        vs.push(text_of(v.get_ref()));
                    }
                }
                sweep.values.push(text_of(value.get_ref()));
                let name = format!("{base_name}-{label}");
                tree.insert(
                    Spanned::new(spec.axis.parameter.1.clone(), Cow::Borrowed("name")),
                    Spanned::new(
                        spec.axis.parameter.1.clone(),
                        DeValue::String(Cow::Owned(name)),
                    ),
                );
                results.push(validate(
                    file,
                    text,
                    &Spanned::new(base.span(), tree),
                    default_name,
                    base_dir,
                    cache,
                ));
            }
        }
        if let Err(e) = base_scenario {
            results.insert(0, Err(e));
        }
        return collect(sink, base_name, results, Some(sweep));
    }
    collect(sink, base_name, vec![base_scenario], None)
}

/// Gathers every scenario or every problem (each problem once).
fn collect(
    sink: Sink,
    name: String,
    results: Vec<Result<Scenario, LoadError>>,
    sweep: Option<Sweep>,
) -> Result<ScenarioFile, LoadError> {
    let mut diags: Vec<Diagnostic> = sink.finish();
    let mut seen: HashSet<Diagnostic> = diags.iter().cloned().collect();
    let mut scenarios = Vec::new();
    for r in results {
        match r {
            Ok(s) => scenarios.push(s),
            Err(LoadError::Data(d)) => return Err(LoadError::Data(d)),
            Err(LoadError::Scenario(d)) => {
                for x in d.0 {
                    if seen.insert(x.clone()) {
                        diags.push(x);
                    }
                }
            }
        }
    }
    if diags.is_empty() {
        Ok(ScenarioFile {
            name,
            scenarios,
            sweep,
        })
    } else {
        diags.sort_by_key(|d| (d.file.clone(), d.line, d.column));
        Err(LoadError::Scenario(Diagnostics(diags)))
    }
}

fn name_span_value(table: &DeTable) -> Range<usize> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == "name")
        .map(|(_, v)| v.span())
        .unwrap_or(0..0)
}

fn read_variants<'i>(
    v: &Spanned<DeValue<'i>>,
    sink: &mut Sink,
) -> Vec<(String, Range<usize>, DeTable<'i>)> {
    let DeValue::Array(items) = v.get_ref() else {
        sink.error(
            v.span(),
            "`variant` must be an array of tables".into(),
            "[[variant]] tables".into(),
            describe(v.get_ref()),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let DeValue::Table(t) = item.get_ref() else {
            sink.error(
                item.span(),
                "a variant must be a table".into(),
                "a [[variant]] table".into(),
                describe(item.get_ref()),
            );
            continue;
        };
        for (k, _) in t.iter() {
            if FIXED.contains(&k.get_ref().as_ref()) {
                sink.error(
                    k.span(),
                    format!("a variant cannot set `{}`", k.get_ref()),
                    "keys that define a scenario (pool, policy, structure, ...)".into(),
                    format!("`{}`", k.get_ref()),
                );
            }
        }
        let mut table = t.clone();
        for key in FIXED {
            table.remove(key);
        }
        match t
            .iter()
            .find(|(k, _)| k.get_ref() == "name")
            .map(|(_, v)| v)
        {
            Some(n) => match n.get_ref() {
                DeValue::String(s)
                    if !s.is_empty() && !s.contains(['/', '\\']) && !s.starts_with('.') =>
                {
                    table.remove("name");
                    out.push((s.to_string(), n.span(), table));
                }
                other => sink.error(
                    n.span(),
                    "a variant's `name` cannot name a folder".into(),
                    "a non-empty name without slashes".into(),
                    describe(other),
                ),
            },
            None => sink.error(
                item.span(),
                "a variant needs a `name`".into(),
                "name = \"...\" in each [[variant]]".into(),
                "no name".into(),
            ),
        }
    }
    out
}

fn merge<'i>(base: &mut DeTable<'i>, over: &DeTable<'i>) {
    for (k, v) in over.iter() {
        if let (Some(b), DeValue::Table(ot)) = (base.get_mut(k.get_ref().as_ref()), v.get_ref())
            && let DeValue::Table(bt) = b.get_mut()
        {
            merge(bt, ot);
            continue;
        }
        base.insert(k.clone(), v.clone());
    }
}

/// Sets a dotted key, creating tables on the way; new keys carry `path.1`'s span so
/// a problem with them points at the sweep's `parameter`.
fn set_path<'i>(
    table: &mut DeTable<'i>,
    path: &(String, Range<usize>),
    value: Spanned<DeValue<'i>>,
) {
    let segments: Vec<&str> = path.0.split('.').collect();
    let mut current = table;
    for (i, seg) in segments.iter().enumerate() {
        let key = Spanned::new(path.1.clone(), Cow::Owned(seg.to_string()));
        if i + 1 == segments.len() {
            current.insert(key, value);
            return;
        }
        let is_table = matches!(
            current.get(*seg).map(Spanned::get_ref),
            Some(DeValue::Table(_))
        );
        if !is_table {
            current.insert(
                key,
                Spanned::new(path.1.clone(), DeValue::Table(DeTable::new())),
            );
        }
        let Some(DeValue::Table(next)) = current.get_mut(*seg).map(Spanned::get_mut) else {
            unreachable!("just inserted a table")
        };
        current = next;
    }
}

fn last(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn text_of(v: &DeValue) -> String {
    match v {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        other => describe(other),
    }
}
