//! Writing what a finished run, sweep or comparison produces: its output folder
//! (atomically, charts included unless `--no-charts`) and its summary on stdout.
//! Whole runs and merged shards both come here, so they write the same files.

use std::io::Write;
use std::path::Path;

use super::pictures::Outlines;
use crate::model::Scenario;
use crate::pipeline::{ComparisonRun, Outputs, Run, SweepRun};
use crate::report::{
    CompareReport, MARKER, Product, RunReport, SweepReport, may_replace, write_folder,
};

pub struct Writer<'a> {
    pub outlines: &'a Outlines,
    pub quiet: bool,
    /// `--force`: replace a folder wardsim wrote from other scenario files.
    pub force: bool,
    /// `--format markdown`: a comparison's stdout table as Markdown.
    pub markdown: bool,
}

impl Writer<'_> {
    /// Writes a product's folder `dir` and prints its summary. The error says
    /// what failed, without the product's name. Call inside the command's pool.
    fn write(&self, dir: &Path, product: &dyn Product) -> Result<(), String> {
        self.product(dir, product, self.outlines.enabled)
    }

    /// Writes any product's folder `dir`, with its pictures or without.
    pub fn product(&self, dir: &Path, product: &dyn Product, pictures: bool) -> Result<(), String> {
        let marker = product.marker();
        may_replace(dir, &marker, self.force)?;
        let mut files = product.files(pictures)?;
        files.push((MARKER.to_string(), marker.render()));
        write_folder(dir, &files).map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        if !self.quiet {
            let mut stdout = std::io::stdout().lock();
            let _ = write!(stdout, "{}{}", product.text(), product.wrote(dir, pictures));
        }
        Ok(())
    }
}

impl Outputs for Writer<'_> {
    /// Writes `out/<scenario name>/` and prints the run's summary.
    fn scenario(&self, out: &Path, s: &Scenario, run: &Run) -> Result<(), String> {
        let product = RunReport {
            summary: &run.summary,
            outlines: self.outlines.of(s),
        };
        self.write(&out.join(&s.name), &product)
    }

    /// Writes `out/<sweep name>/` and prints the sweep's table.
    fn sweep(&self, out: &Path, name: &str, r: &SweepRun) -> Result<(), String> {
        let product = SweepReport {
            table: &r.table,
            summaries: r.runs.iter().map(|x| &x.summary).collect(),
        };
        self.write(&out.join(name), &product)
    }

    /// Writes the comparison folder `dir` (with a folder per scenario) and
    /// prints the comparison table.
    fn comparison(
        &self,
        dir: &Path,
        scenarios: &[Scenario],
        run: &ComparisonRun,
    ) -> Result<(), String> {
        let product = CompareReport {
            markdown: self.markdown,
            comparison: &run.comparison,
            runs: run
                .runs
                .iter()
                .zip(scenarios)
                .map(|(r, s)| RunReport {
                    summary: &r.summary,
                    outlines: self.outlines.of(s),
                })
                .collect(),
        };
        self.write(dir, &product)
    }
}
