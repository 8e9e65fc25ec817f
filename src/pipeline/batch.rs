//! The settings of one command, resolved once: the scenario files it names
//! (folders expanded), what each holds, and one run configuration (seed, draws,
//! optimality-gap batches) that every scenario, shard and merge takes. The
//! command line's values win over the first file's, which win over defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::PipelineError;
use crate::model::{Scenario, ScenarioFile};
use crate::report::Marker;
use crate::scenario::{self, DatasetCache, LoadError};

/// The seed, draws and gap batches every scenario of one command runs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunConfig {
    pub seed: u64,
    pub draws: u64,
    /// `--gap-batches`, when given: the optimality-gap replications.
    pub gap_batches: Option<u32>,
}

/// What the command line sets over the files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    pub seed: Option<u64>,
    pub draws: Option<u64>,
    pub gap_batches: Option<u32>,
}

impl RunConfig {
    /// The configuration: each override, or else the first scenario's value.
    fn resolve(first: Option<&Scenario>, o: Overrides) -> RunConfig {
        let (seed, draws) = first.map_or((0, 0), |s| (s.params.run.seed, s.params.run.draws));
        RunConfig {
            seed: o.seed.unwrap_or(seed),
            draws: o.draws.unwrap_or(draws),
            gap_batches: o.gap_batches,
        }
    }

    /// Sets a scenario to run with this configuration: the one place the
    /// resolved seed, draws and gap batches reach a scenario.
    fn apply(&self, s: &mut Scenario) {
        s.params.run.seed = self.seed;
        s.params.run.draws = self.draws;
        if let Some(k) = self.gap_batches {
            s.params.allocation.optimise.gap_batches = k;
        }
    }

    /// The same configuration as overrides (to load a batch again exactly).
    pub fn overrides(&self) -> Overrides {
        Overrides {
            seed: Some(self.seed),
            draws: Some(self.draws),
            gap_batches: self.gap_batches,
        }
    }
}

/// A command's scenario files, loaded, with their run configuration applied.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Scenario files as given, folders expanded.
    pub files: Vec<PathBuf>,
    /// What each file that loaded holds, in order.
    pub loaded: Vec<ScenarioFile>,
    pub config: RunConfig,
}

/// Files named on the command line, with folders expanded to their files that
/// `keep` accepts (by name), sorted.
pub fn expand_with(paths: &[PathBuf], keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    out
}

impl Batch {
    /// Loads every file (folders expanded to their `*.toml`) and applies one run
    /// configuration to all of them. Returns the batch of what loaded, and every
    /// file's problems.
    pub fn load(paths: &[PathBuf], overrides: Overrides) -> (Batch, Vec<LoadError>) {
        let files = expand_with(paths, |name| name.ends_with(".toml"));
        let mut cache = DatasetCache::default();
        let mut loaded = Vec::new();
        let mut problems = Vec::new();
        for path in &files {
            match scenario::load_file(path, &mut cache) {
                Ok(l) => loaded.push(l),
                Err(e) => problems.push(e),
            }
        }
        let first = loaded.first().map(|l: &ScenarioFile| &l.scenarios[0]);
        let config = RunConfig::resolve(first, overrides);
        for s in loaded.iter_mut().flat_map(|l| l.scenarios.iter_mut()) {
            config.apply(s);
        }
        (
            Batch {
                files,
                loaded,
                config,
            },
            problems,
        )
    }

    /// Every scenario in order, variants and sweep points included.
    pub fn scenarios(&self) -> impl Iterator<Item = &Scenario> {
        self.loaded.iter().flat_map(|l| l.scenarios.iter())
    }

    /// A run's tasks: every scenario in order, sweep points included (their
    /// names already carry the sweep's).
    pub fn tasks(&self) -> (Vec<String>, Vec<&Scenario>) {
        self.scenarios().map(|s| (s.name.clone(), s)).unzip()
    }

    /// The output folders of a run: one per scenario, one per sweep (with the
    /// file that writes it).
    fn folders(&self) -> Vec<(&str, &str)> {
        self.loaded
            .iter()
            .flat_map(|l| match &l.sweep {
                Some(_) => vec![(l.name.as_str(), l.scenarios[0].file.as_str())],
                None => l
                    .scenarios
                    .iter()
                    .map(|s| (s.name.as_str(), s.file.as_str()))
                    .collect(),
            })
            .collect()
    }

    /// A run's output folders under `out`, each with the marker it will carry.
    pub fn run_outputs(&self, out: &Path) -> Vec<(PathBuf, Marker)> {
        self.loaded
            .iter()
            .flat_map(|l| match &l.sweep {
                Some(_) => vec![(
                    out.join(&l.name),
                    Marker::new(
                        "sweep",
                        l.scenarios
                            .iter()
                            .map(|s| (s.file.as_str(), s.hash.as_str())),
                    ),
                )],
                None => l
                    .scenarios
                    .iter()
                    .map(|s| {
                        (
                            out.join(&s.name),
                            Marker::new("run", [(s.file.as_str(), s.hash.as_str())]),
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    /// A run's output folders, which must be unique.
    pub fn check_run_folders(&self) -> Result<(), PipelineError> {
        unique_names(self.folders().into_iter())
    }

    /// Names a run's part files: its one scenario or sweep, or the first and a count.
    pub fn run_label(&self) -> String {
        let names: Vec<&str> = self.folders().into_iter().map(|(n, _)| n).collect();
        match names.len() {
            0 => String::new(),
            1 => names[0].to_string(),
            n => format!("{}-and-{}-more", names[0], n - 1),
        }
    }
}

/// Output folder names must be unique in one command.
pub fn unique_names<'a>(
    names: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<(), PipelineError> {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (name, file) in names {
        if let Some(other) = seen.insert(name, file) {
            return Err(PipelineError::BadInput(format!(
                "error: {other} and {file} both write a folder named `{name}`\n  hint: give one a different `name`"
            )));
        }
    }
    Ok(())
}

/// A comparison's default folder name, and the name of its part files.
pub fn compare_label<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>) -> String {
    let names: Vec<&str> = scenarios.into_iter().map(|s| s.name.as_str()).collect();
    format!("compare-{}", names.join("-vs-"))
}

/// Refuses, before any work, to write where an output folder may not be
/// replaced (`report::may_replace`); names every such folder.
pub fn check_outputs(targets: &[(PathBuf, Marker)], force: bool) -> Result<(), PipelineError> {
    let problems: Vec<String> = targets
        .iter()
        .filter_map(|(dir, m)| crate::report::may_replace(dir, m, force).err())
        .map(|e| format!("error: {e}"))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PipelineError::RunFailed(problems.join("\n")))
    }
}
