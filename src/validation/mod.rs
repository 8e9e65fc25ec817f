//! Backtests against London's published record (MODEL §11): the scenarios of a
//! backtests' folder (the project's `validation/`, embedded in the binary, or
//! another folder of the same form) run on the version 2 model, each check's
//! figure read from its run (a level) or from its paired comparison with a
//! baseline on the same simulated weeks (a change), and set beside the published
//! figure with a verdict (`verdict`) by the rule the table gives (`table`).
//!
//! Misfits are reported, never tuned to: nothing here changes a parameter, and a
//! misfit is a verdict, not a failure. This module runs and judges (and turns
//! the outcomes into rows, `summary`); what is written and printed lives in
//! `report::validation`.

mod summary;
pub mod table;
pub mod verdict;

use std::collections::BTreeMap;
use std::path::Path;

use crate::data::DataError;
use crate::model::{Metric, Scenario};
use crate::montecarlo::Progress;
use crate::pipeline::{self, PipelineError};
use crate::report::compare::Difference;
use crate::report::run::Summary;
use crate::scenario::{self, DatasetCache};
pub use summary::report;
pub use table::{Check, Figure, Rule};
pub use verdict::{ModelFigure, Verdict, verdict};

/// The file of published figures in a backtests' folder.
pub const PUBLISHED: &str = "published.csv";

/// The project's backtests, as shipped in `validation/`.
const EMBEDDED: [(&str, &str); 10] = [
    (PUBLISHED, include_str!("../../validation/published.csv")),
    (
        "calibration-2014.toml",
        include_str!("../../validation/calibration-2014.toml"),
    ),
    (
        "pool-2017.toml",
        include_str!("../../validation/pool-2017.toml"),
    ),
    (
        "pool-2018.toml",
        include_str!("../../validation/pool-2018.toml"),
    ),
    (
        "central-north-before-2016.toml",
        include_str!("../../validation/central-north-before-2016.toml"),
    ),
    (
        "central-north-after-2017.toml",
        include_str!("../../validation/central-north-after-2017.toml"),
    ),
    (
        "face-more-officers.toml",
        include_str!("../../validation/face-more-officers.toml"),
    ),
    (
        "face-faster-travel.toml",
        include_str!("../../validation/face-faster-travel.toml"),
    ),
    (
        "face-ring-fence-no-events.toml",
        include_str!("../../validation/face-ring-fence-no-events.toml"),
    ),
    (
        "face-identical-merger.toml",
        include_str!("../../validation/face-identical-merger.toml"),
    ),
];

/// A backtests' folder: its published table and scenario files (name, text).
pub struct Backtests {
    /// Where they come from, for messages and provenance.
    pub folder: String,
    pub published: String,
    pub files: Vec<(String, String)>,
}

impl Backtests {
    /// The backtests that ship with the project.
    pub fn embedded() -> Backtests {
        let mut files: Vec<(String, String)> = EMBEDDED[1..]
            .iter()
            .map(|(f, t)| ((*f).to_string(), (*t).to_string()))
            .collect();
        files.sort();
        Backtests {
            folder: "validation".into(),
            published: EMBEDDED[0].1.to_string(),
            files,
        }
    }

    /// A folder of the same form: `published.csv` and the `.toml` files it names.
    pub fn load(dir: &Path) -> Result<Backtests, PipelineError> {
        let bad = |what: &str, e: &dyn std::fmt::Display| {
            PipelineError::BadInput(format!("error: {what}: {e}"))
        };
        let published = std::fs::read_to_string(dir.join(PUBLISHED))
            .map_err(|e| bad(&dir.join(PUBLISHED).display().to_string(), &e))?;
        let mut files = Vec::new();
        let entries = std::fs::read_dir(dir).map_err(|e| bad(&dir.display().to_string(), &e))?;
        for entry in entries {
            let path = entry
                .map_err(|e| bad(&dir.display().to_string(), &e))?
                .path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| bad(&path.display().to_string(), &e))?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                files.push((name.unwrap_or_default(), text));
            }
        }
        files.sort();
        Ok(Backtests {
            folder: dir.display().to_string(),
            published,
            files,
        })
    }
}

/// The checks and the scenarios they run, read and validated.
pub struct Prepared {
    pub checks: Vec<Check>,
    /// By file name.
    pub scenarios: BTreeMap<String, Scenario>,
}

/// Reads every scenario and the published table; every problem is reported
/// with its file, line and column.
pub fn prepare(
    b: &Backtests,
    seed: Option<u64>,
    draws: Option<u64>,
    cache: &mut DatasetCache,
) -> Result<Prepared, PipelineError> {
    let mut problems = Vec::new();
    let mut scenarios = BTreeMap::new();
    for (file, text) in &b.files {
        let label = format!("{}/{file}", b.folder);
        let stem = file.trim_end_matches(".toml");
        match scenario::parse(&label, text, stem, Path::new("."), cache) {
            Ok(mut s) => {
                if let Some(seed) = seed {
                    s.params.run.seed = seed;
                }
                if let Some(draws) = draws {
                    s.params.run.draws = draws;
                }
                s.file = label;
                scenarios.insert(file.clone(), s);
            }
            Err(e) => problems.push(e.to_string()),
        }
    }
    if !problems.is_empty() {
        return Err(PipelineError::BadInput(problems.join("\n")));
    }
    let areas: Vec<String> = scenarios
        .values()
        .next()
        .map(|s| s.dataset.boroughs.iter().map(|b| b.name.clone()).collect())
        .unwrap_or_default();
    let files: Vec<String> = scenarios.keys().cloned().collect();
    let label = format!("{}/{PUBLISHED}", b.folder);
    let checks = table::parse(&label, &b.published, &areas, &files).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e: &DataError| format!("error: {e}"))
            .collect();
        PipelineError::BadInput(lines.join("\n"))
    })?;
    if checks.is_empty() {
        return Err(PipelineError::BadInput(format!(
            "error: {label}: expected at least one check, found none"
        )));
    }
    Ok(Prepared { checks, scenarios })
}

impl Prepared {
    /// What `run` simulates: for each baseline, one paired simulation of it
    /// and every scenario a change compares with it (in the table's order);
    /// then, alone, each scenario a level reads that no such simulation ran on
    /// its own seed and draws.
    fn plan(&self) -> (Vec<(&String, Vec<&String>)>, Vec<&String>) {
        let mut groups: Vec<(&String, Vec<&String>)> = Vec::new();
        for c in &self.checks {
            let Some(base) = &c.baseline else { continue };
            match groups.iter_mut().find(|g| g.0 == base) {
                Some(g) if !g.1.contains(&&c.scenario) => g.1.push(&c.scenario),
                Some(_) => {}
                None => groups.push((base, vec![&c.scenario])),
            }
        }
        let run = |s: &Scenario| (s.params.run.seed, s.params.run.draws);
        let covered = |file: &String| {
            groups.iter().any(|(base, others)| {
                (*base == file || others.contains(&file))
                    && run(&self.scenarios[file]) == run(&self.scenarios[*base])
            })
        };
        let mut alone: Vec<&String> = Vec::new();
        for c in self.checks.iter().filter(|c| c.baseline.is_none()) {
            if !covered(&c.scenario) && !alone.contains(&&c.scenario) {
                alone.push(&c.scenario);
            }
        }
        (groups, alone)
    }

    /// The simulations `run` does (each over `draws` weeks).
    pub fn simulations(&self) -> usize {
        let (groups, alone) = self.plan();
        groups.len() + alone.len()
    }

    /// The simulated weeks of each simulation (every scenario's, when they agree).
    pub fn draws(&self) -> u64 {
        self.scenarios
            .values()
            .map(|s| s.params.run.draws)
            .max()
            .unwrap_or(0)
    }
}

/// One check and how it came out.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub check: Check,
    pub model: Option<ModelFigure>,
    /// Model − published, where both are there.
    pub error: Option<f64>,
    pub verdict: Verdict,
}

/// Every check's outcome, in the table's order, with the summaries of the runs
/// they came from (by scenario file) for provenance.
pub struct Validation {
    pub outcomes: Vec<Outcome>,
    pub summaries: BTreeMap<String, Summary>,
}

/// Runs each baseline once with every scenario compared with it (paired), and
/// alone each scenario a level reads that those runs did not cover, on the
/// current rayon pool.
pub fn run(p: &Prepared, progress: &dyn Progress) -> Result<Validation, PipelineError> {
    let failed = |file: &str, e: &dyn std::fmt::Display| {
        PipelineError::RunFailed(format!(
            "error: backtest scenario {file} could not run: {e}"
        ))
    };
    let mut summaries: BTreeMap<String, Summary> = BTreeMap::new();
    let mut pairs: BTreeMap<(String, String), Changes> = BTreeMap::new();
    let (groups, alone) = p.plan();
    // Each baseline with all it is compared with, on common random numbers: a
    // scenario's paired differences and run are the same as in a comparison
    // of the two alone.
    for (base, others) in groups {
        let files: Vec<&String> = std::iter::once(base)
            .chain(others.iter().copied())
            .collect();
        let scenarios: Vec<Scenario> = files.iter().map(|f| p.scenarios[*f].clone()).collect();
        let cmp = pipeline::compare(&scenarios, progress).map_err(|(k, e)| failed(files[k], &e))?;
        for (k, file) in files.iter().enumerate().skip(1) {
            let changes = Changes::of(&cmp.comparison, k);
            pairs.insert((base.clone(), (*file).clone()), changes);
        }
        // Runs on their own seed and draws stand for the scenario alone.
        let own = |s: &Scenario| (s.params.run.seed, s.params.run.draws);
        for (run, file) in cmp.runs.into_iter().zip(&files) {
            if own(&p.scenarios[*file]) == own(&scenarios[0]) {
                summaries.entry((*file).clone()).or_insert(run.summary);
            }
        }
    }
    for file in alone {
        let run = pipeline::run(&p.scenarios[file], progress).map_err(|e| failed(file, &e))?;
        summaries.insert(file.clone(), run.summary);
    }
    let outcomes = p
        .checks
        .iter()
        .map(|c| {
            let model = match &c.baseline {
                None => level(&summaries[&c.scenario], c),
                Some(base) => pairs[&(base.clone(), c.scenario.clone())].get(c),
            };
            let higher = match c.figure {
                Figure::Metric(m) => m.higher_is_better(),
                _ => true,
            };
            Outcome {
                check: c.clone(),
                model,
                error: match (model, c.published) {
                    (Some(m), Some(p)) if !c.rule.is_change() || p != 0.0 => Some(m.mean - p),
                    _ => None,
                },
                verdict: verdict(c.rule, model, c.published, higher),
            }
        })
        .collect();
    Ok(Validation {
        outcomes,
        summaries,
    })
}

/// A level: the run's estimate for London or a borough.
fn level(s: &Summary, c: &Check) -> Option<ModelFigure> {
    let exact = |mean: f64| Some(ModelFigure { mean, ci95: None });
    let borough = s.boroughs.iter().find(|b| b.borough_name == c.area);
    match (c.figure, c.area.as_str()) {
        (Figure::Metric(m), "London") => s.london.get(&m).copied().flatten().map(estimate),
        (Figure::Metric(m), _) => borough?.metrics.get(&m).copied().flatten().map(estimate),
        (Figure::Officers, "London") => exact(s.totals.officers as f64),
        (Figure::Officers, _) => exact(borough?.officers),
        (Figure::OfficersPer1000, "London") => {
            let people: f64 = s.boroughs.iter().map(|b| b.population).sum();
            exact(s.totals.officers as f64 / people * 1000.0)
        }
        (Figure::OfficersPer1000, _) => exact(borough?.officers_per_1000),
    }
}

fn estimate(e: crate::stats::Estimate) -> ModelFigure {
    ModelFigure {
        mean: e.mean,
        ci95: Some((e.ci95_low, e.ci95_high)),
    }
}

fn difference(d: &Difference) -> ModelFigure {
    ModelFigure {
        mean: d.mean,
        ci95: Some((d.ci95_low, d.ci95_high)),
    }
}

/// The paired differences of one comparison, by (area, metric).
struct Changes(BTreeMap<(String, Metric), ModelFigure>);

impl Changes {
    /// The changes of scenario `k` (after the baseline, 0) of a comparison.
    fn of(c: &crate::report::compare::Comparison, k: usize) -> Changes {
        let mut out = BTreeMap::new();
        for row in &c.rows {
            if let Some(Some(d)) = row.differences.get(k) {
                out.insert(("London".to_string(), row.of), difference(d));
            }
        }
        let name = &c.scenarios[k].name;
        for b in c.boroughs.iter().filter(|b| &b.scenario == name) {
            out.insert(
                (b.borough_name.clone(), b.metric),
                difference(&b.difference),
            );
        }
        Changes(out)
    }

    fn get(&self, c: &Check) -> Option<ModelFigure> {
        match c.figure {
            Figure::Metric(m) => self.0.get(&(c.area.clone(), m)).copied(),
            _ => None,
        }
    }
}
