//! Writing what a finished run, sweep or comparison produces: its output folder
//! (atomically, charts included unless `--no-charts`) and its summary on stdout.
//! Whole runs and merged shards both come here, so they write the same files.

use std::io::Write;
use std::path::Path;

use super::pictures::{self, Outlines};
use crate::model::Scenario;
use crate::pipeline::{ComparisonRun, Run, SweepRun};
use crate::report::{
    Export, Summary, SummaryJson, area_files, compare_pictures, comparison_csv, comparison_json,
    render_comparison_text, render_files, render_sweep_text, render_text, run_pictures, sweep_csv,
    sweep_json, sweep_pictures, write_folder,
};

pub struct Writer<'a> {
    pub outlines: &'a Outlines,
    pub pool: &'a rayon::ThreadPool,
    pub quiet: bool,
}

impl Writer<'_> {
    fn charts_note(&self) -> &'static str {
        if self.outlines.enabled {
            ", report.html, charts/"
        } else {
            ""
        }
    }

    /// Writes `out/<scenario name>/` and prints the run's summary. The error
    /// says what failed, without the scenario's name.
    pub fn scenario(&self, out: &Path, s: &Scenario, run: &Run) -> Result<(), String> {
        let dir = out.join(&s.name);
        let mut files: Vec<(String, Vec<u8>)> = render_files(&run.summary)
            .into_iter()
            .map(|(n, b)| (n.to_string(), b))
            .collect();
        pictures::add(&mut files, self.outlines.enabled, "", || {
            self.pool
                .install(|| run_pictures(&run.summary, self.outlines.of(s)))
        })?;
        write_folder(&dir, &files).map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        if !self.quiet {
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{}", render_text(&run.summary));
            let _ = writeln!(
                stdout,
                "  wrote {}/ (summary.json, wards.csv, units.csv, boroughs.csv, allocation.csv{})\n",
                dir.display(),
                self.charts_note()
            );
        }
        Ok(())
    }

    /// Writes `out/<sweep name>/` and prints the sweep's table.
    pub fn sweep(&self, out: &Path, name: &str, r: &SweepRun) -> Result<(), String> {
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("sweep.csv".into(), sweep_csv(&r.table)),
            ("sweep.json".into(), sweep_json(&r.table)),
        ];
        for run in &r.runs {
            files.push((
                format!("points/{}/summary.json", run.summary.provenance.scenario),
                SummaryJson.render(&run.summary),
            ));
        }
        let summaries: Vec<&Summary> = r.runs.iter().map(|x| &x.summary).collect();
        pictures::add(&mut files, self.outlines.enabled, "", || {
            self.pool.install(|| sweep_pictures(&r.table, &summaries))
        })?;
        let dir = out.join(name);
        write_folder(&dir, &files).map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        if !self.quiet {
            println!("{}", render_sweep_text(&r.table));
            println!(
                "  wrote {}/ (sweep.csv, sweep.json, points/{})\n",
                dir.display(),
                self.charts_note()
            );
        }
        Ok(())
    }

    /// Writes the comparison folder `dir` (with a folder per scenario) and
    /// prints the comparison table.
    pub fn comparison(
        &self,
        dir: &Path,
        scenarios: &[Scenario],
        run: &ComparisonRun,
    ) -> Result<(), String> {
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("comparison.csv".into(), comparison_csv(&run.comparison)),
            ("comparison.json".into(), comparison_json(&run.comparison)),
        ];
        files.extend(
            area_files(&run.comparison)
                .into_iter()
                .map(|(n, b)| (n.to_string(), b)),
        );
        let summaries: Vec<&Summary> = run.runs.iter().map(|r| &r.summary).collect();
        let enabled = self.outlines.enabled;
        self.pool.install(|| {
            pictures::add(&mut files, enabled, "", || {
                compare_pictures(&run.comparison, &summaries, self.outlines.of(&scenarios[0]))
            })?;
            for (r, s) in run.runs.iter().zip(scenarios) {
                let prefix = format!("{}/", r.summary.provenance.scenario);
                for (name, bytes) in render_files(&r.summary) {
                    files.push((format!("{prefix}{name}"), bytes));
                }
                pictures::add(&mut files, enabled, &prefix, || {
                    run_pictures(&r.summary, self.outlines.of(s))
                })?;
            }
            Ok::<(), String>(())
        })?;
        write_folder(dir, &files).map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        if !self.quiet {
            println!("{}", render_comparison_text(&run.comparison));
            println!(
                "  wrote {}/ (comparison.csv, comparison.json, wards_diff.csv, boroughs_diff.csv{}, and a folder per scenario)",
                dir.display(),
                self.charts_note()
            );
        }
        Ok(())
    }
}
