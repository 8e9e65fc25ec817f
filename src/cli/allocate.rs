//! `wardsim allocate`: a scenario's allocation without the Monte Carlo, in
//! words, and for `optimise` scenarios the exact LP it solves, written for an
//! external solver.

use std::path::PathBuf;

use super::args::AllocateArgs;
use super::{exit, fail};
use crate::allocation;
use crate::model::{Allocation, Scenario};
use crate::pipeline::{Batch, Overrides, PipelineError, check_exportable, export_lp};
use crate::plan::Plan;
use crate::report::{in_words, write_file};

pub fn allocate(args: AllocateArgs) -> u8 {
    let overrides = Overrides {
        seed: args.seed,
        draws: None,
        gap_batches: args.gap_batches,
    };
    let (batch, problems) = Batch::load(std::slice::from_ref(&args.scenario), overrides);
    for e in &problems {
        eprintln!("{e}");
    }
    if !problems.is_empty() || batch.loaded.is_empty() {
        return exit::BAD_INPUT;
    }
    let scenarios = &batch.loaded[0].scenarios;
    let exporting = args.write_lp.is_some() || args.write_mps.is_some();
    if exporting && scenarios.len() > 1 {
        eprintln!(
            "error: {} holds {} scenarios (variants or sweep points); --write-lp and --write-mps need a file with one",
            args.scenario.display(),
            scenarios.len()
        );
        return exit::BAD_INPUT;
    }
    if exporting && let Err(e) = check_exportable(&scenarios[0]) {
        return fail(e);
    }
    let mut failures = 0;
    for s in scenarios {
        let a = match crate::pipeline::fits_in_memory(s).and_then(|()| {
            let plan = Plan::new(s);
            allocation::allocate(s, &plan).map(|a| (plan, a))
        }) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: scenario `{}` ({}): {e}", s.name, s.file);
                failures += 1;
                continue;
            }
        };
        let (plan, a) = a;
        print_allocation(s, &plan, &a);
        if exporting && let Err(e) = export(s, &plan, &args.write_lp, &args.write_mps) {
            return fail(e);
        }
    }
    if failures > 0 {
        exit::RUN_FAILED
    } else {
        exit::OK
    }
}

/// The allocation's totals, each command unit's officers and the optimiser's words.
fn print_allocation(s: &Scenario, plan: &Plan, a: &Allocation) {
    let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
    println!(
        "{} — {} allocation ({} command units)",
        s.name,
        a.method.as_str(),
        s.structure.units.len()
    );
    println!(
        "  pool {}: ward {} · response {} · other local {} · overhead {}; PCSOs {}",
        a.total_officers(),
        sum(&a.ward_officers),
        sum(&a.response_officers),
        sum(&a.other_officers),
        sum(&a.overhead_officers),
        a.total_pcsos()
    );
    println!(
        "  {:<28} {:>7} {:>6} {:>9}",
        "command unit", "ward", "PCSOs", "response"
    );
    for (u, unit) in plan.units.iter().enumerate() {
        let of = |v: &[u32]| unit.wards.iter().map(|&w| u64::from(v[w])).sum::<u64>();
        println!(
            "  {:<28} {:>7} {:>6} {:>9}",
            s.structure.units[u].name,
            of(&a.ward_officers),
            of(&a.pcsos),
            a.response_officers[u]
        );
    }
    if let Some(o) = &a.optimisation {
        for sentence in in_words(o) {
            println!("  · {sentence}");
        }
    }
}

/// Writes the scenario's LP where asked, and says so.
fn export(
    s: &Scenario,
    plan: &Plan,
    lp_path: &Option<PathBuf>,
    mps_path: &Option<PathBuf>,
) -> Result<(), PipelineError> {
    let e = export_lp(s, plan)?;
    let lp = &e.lp;
    for (path, text) in [
        (lp_path, lp_path.as_ref().map(|_| lp.to_lp(&e.title))),
        (mps_path, mps_path.as_ref().map(|_| lp.to_mps(&s.name))),
    ] {
        if let (Some(path), Some(text)) = (path, text) {
            let same_as_input = path
                .canonicalize()
                .ok()
                .zip(std::path::Path::new(&s.file).canonicalize().ok())
                .is_some_and(|(a, b)| a == b);
            if same_as_input {
                return Err(PipelineError::BadInput(format!(
                    "error: {} is the scenario file itself; write the LP to another file",
                    path.display()
                )));
            }
            let verb = if path.exists() { "replaced" } else { "wrote" };
            write_file(path, text.as_bytes()).map_err(|err| {
                PipelineError::RunFailed(format!("error: cannot write {}: {err}", path.display()))
            })?;
            println!(
                "  {verb} {} ({} columns, {} rows)",
                path.display(),
                lp.columns.len(),
                lp.rows.len()
            );
        }
    }
    Ok(())
}
