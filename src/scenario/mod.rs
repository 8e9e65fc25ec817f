//! Scenario files: TOML text → spanned tree → the validated `model::Scenario`,
//! with every problem reported in one pass as `file:line:column`.
//!
//! This module only reads: it must not plan, allocate officers, draw random
//! numbers or write outputs, and no later stage may import it except the
//! pipeline that loads what it runs.

mod diagnostic;
mod overrides;
mod params;
mod reader;
mod response;
mod structure;
mod sweep;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::DeTable;

pub use diagnostic::{Diagnostic, Diagnostics, line_column};
pub use overrides::parse_file;

use crate::data::{self, DataErrors};
use crate::model::{Dataset, Params, Scenario, ScenarioFile, Structure};
use diagnostic::Sink;
use reader::Section;

/// Longest scenario `name`, in bytes: it names output folders, sweep points and
/// part files, which add their own words, and file systems allow 255 bytes.
const MAX_NAME_BYTES: usize = 100;

/// The scenario format this version reads.
pub const SCHEMA_VERSION: u64 = 1;

/// Why a scenario file could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The scenario file has problems.
    Scenario(Diagnostics),
    /// The dataset it names has problems.
    Data(DataErrors),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Scenario(d) => d.fmt(f),
            LoadError::Data(d) => d.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// Datasets already loaded, so a batch reads each once.
#[derive(Default)]
pub struct DatasetCache(HashMap<String, Arc<Dataset>>);

impl DatasetCache {
    /// The dataset named `key`: London when `dir` is `None`, else the folder; loaded once.
    pub fn get(&mut self, key: &str, dir: Option<&Path>) -> Result<Arc<Dataset>, DataErrors> {
        if let Some(d) = self.0.get(key) {
            return Ok(d.clone());
        }
        let ds = Arc::new(match dir {
            None => data::london()?,
            Some(dir) => data::load_folder(dir)?,
        });
        self.0.insert(key.to_string(), ds.clone());
        Ok(ds)
    }
}

/// Reads and validates a scenario file; returns its base scenario.
pub fn load(path: &Path, cache: &mut DatasetCache) -> Result<Scenario, LoadError> {
    load_file(path, cache).map(|mut l| l.scenarios.swap_remove(0))
}

/// Reads a scenario file with its variants or sweep points: every scenario it holds.
pub fn load_file(path: &Path, cache: &mut DatasetCache) -> Result<ScenarioFile, LoadError> {
    let file = path.display().to_string();
    let text = read(path, &file)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into());
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse_file(&file, &text, &stem, &base, cache)
}

fn read(path: &Path, file: &str) -> Result<String, LoadError> {
    let problem = |line: usize, column: usize, expected: &str, found: String| {
        LoadError::Scenario(Diagnostics(vec![Diagnostic {
            file: file.to_string(),
            line,
            column,
            message: "cannot read the scenario file".into(),
            expected: expected.into(),
            found,
            hint: None,
        }]))
    };
    let bytes = data::read_regular(path)
        .map_err(|e| problem(1, 1, "a readable UTF-8 TOML file", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        // Point at the first byte that is not UTF-8.
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let (line, column) = line_column(valid, valid.len());
        problem(
            line,
            column,
            "UTF-8 text",
            format!("the byte 0x{:02X}, which is not UTF-8", bytes[at]),
        )
    })
}

/// Validates scenario text and returns its base scenario. `default_name` names it
/// when it has no `name`; `base_dir` resolves a relative `dataset` folder.
pub fn parse(
    file: &str,
    text: &str,
    default_name: &str,
    base_dir: &Path,
    cache: &mut DatasetCache,
) -> Result<Scenario, LoadError> {
    parse_file(file, text, default_name, base_dir, cache).map(|mut l| l.scenarios.swap_remove(0))
}

/// Validates one parsed table (the base, a variant or a sweep point).
fn validate(
    file: &str,
    text: &str,
    root: &Spanned<DeTable>,
    default_name: &str,
    base_dir: &Path,
    cache: &mut DatasetCache,
) -> Result<Scenario, LoadError> {
    let mut sink = Sink::new(file, text);
    let top = Section::new("", root.get_ref(), root.span());
    top.deny_unknown(
        &mut sink,
        &[
            "schema_version",
            "name",
            "description",
            "dataset",
            "run",
            "pool",
            "structure",
            "policy",
            "demand",
            "response",
            "dispatch",
            "surge",
            "allocation",
        ],
    );
    match top.get("schema_version") {
        None => sink.push(
            0..0,
            "missing key `schema_version`".into(),
            format!("schema_version = {SCHEMA_VERSION} at the top of the file"),
            "no schema_version".into(),
            Some("add `schema_version = 1` as the first key".into()),
        ),
        Some(v) => {
            let supported = match v.get_ref() {
                toml::de::DeValue::Integer(i) => {
                    i.as_str() == SCHEMA_VERSION.to_string() && i.radix() == 10
                }
                _ => false,
            };
            if !supported {
                sink.push(
                    v.span(),
                    "unsupported `schema_version`".into(),
                    format!("{SCHEMA_VERSION} (the scenario format this version of wardsim reads)"),
                    reader::describe(v.get_ref()),
                    Some("see scenarios/README.md for the keys of format 1".into()),
                );
            }
        }
    }
    let name = top
        .string(&mut sink, "name")
        .map(|(s, _)| s)
        .unwrap_or_else(|| default_name.to_string());
    if name.is_empty()
        || name.contains(['/', '\\'])
        || name.starts_with('.')
        || name.contains(char::is_control)
        || name.len() > MAX_NAME_BYTES
    {
        let span = top.get("name").map(|v| v.span()).unwrap_or(0..0);
        sink.error(
            span,
            "`name` cannot be used as a folder name".into(),
            format!(
                "a name of at most {MAX_NAME_BYTES} bytes, without slashes or control characters, that does not start with `.`"
            ),
            if name.len() > MAX_NAME_BYTES {
                format!("a name of {} bytes", name.len())
            } else {
                format!("{name:?}")
            },
        );
    }
    let description = top
        .string(&mut sink, "description")
        .map(|(s, _)| s)
        .unwrap_or_default();

    let dataset_spec = top.string(&mut sink, "dataset");
    let dataset = match &dataset_spec {
        None => Some(cache.get(data::LONDON_NAME, None)),
        Some((d, _)) if d == data::LONDON_NAME => Some(cache.get(data::LONDON_NAME, None)),
        Some((d, span)) => {
            let dir: PathBuf = base_dir.join(d);
            if dir.is_dir() {
                Some(cache.get(&dir.display().to_string(), Some(&dir)))
            } else {
                sink.error(
                    span.clone(),
                    "`dataset` names no dataset".into(),
                    format!("\"{}\" or a folder (relative to the scenario file) holding wards.csv, boroughs.csv and ward_crime_monthly*.csv", data::LONDON_NAME),
                    format!("\"{d}\" ({} is not a folder)", dir.display()),
                );
                None
            }
        }
    };
    let dataset = match dataset {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            // Dataset problems are reported on their own: they are about the CSV files.
            let mut diags = sink.finish();
            if diags.is_empty() {
                return Err(LoadError::Data(e));
            }
            diags.extend(e.0.into_iter().map(|d| Diagnostic {
                file: d.file,
                line: d.line as usize,
                column: 1,
                message: if d.column.is_empty() {
                    "bad row".into()
                } else {
                    format!("bad value in column `{}`", d.column)
                },
                expected: d.expected,
                found: d.found,
                hint: None,
            }));
            return Err(LoadError::Scenario(Diagnostics(diags)));
        }
        None => None,
    };

    let params = params::read(&top, &mut sink);
    let structure = dataset
        .as_ref()
        .and_then(|ds| structure::read(&top, &mut sink, ds));

    let diags = sink.finish();
    if !diags.is_empty() {
        return Err(LoadError::Scenario(Diagnostics(diags)));
    }
    let dataset = dataset.expect("no diagnostics means the dataset loaded");
    let structure = structure.expect("no diagnostics means the structure was built");
    let hash = scenario_hash(&params, &structure, &dataset);
    Ok(Scenario {
        name,
        description,
        file: file.to_string(),
        dataset,
        structure,
        params,
        hash,
    })
}

/// Hash of the resolved scenario (not of its text: comments and key order do not
/// matter), with seed and draws left out because outputs record them separately.
fn scenario_hash(params: &Params, structure: &Structure, dataset: &Dataset) -> String {
    /// A unit as hashed: name, borough codes, base coordinates.
    type UnitKey<'a> = (&'a str, Vec<&'a str>, Vec<(f64, f64)>);
    #[derive(Serialize)]
    struct Canonical<'a> {
        params: Params,
        units: Vec<UnitKey<'a>>,
        dataset: &'a str,
    }
    let mut p = params.clone();
    p.run = Params::default().run;
    let units = structure
        .units
        .iter()
        .map(|u| {
            (
                u.name.as_str(),
                u.boroughs
                    .iter()
                    .map(|b| dataset.boroughs[b.0].code.as_str())
                    .collect(),
                u.bases.iter().map(|b| (b.easting, b.northing)).collect(),
            )
        })
        .collect();
    let json = serde_json::to_vec(&Canonical {
        params: p,
        units,
        dataset: &dataset.hash,
    })
    .expect("plain data serialises");
    Sha256::digest(&json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
