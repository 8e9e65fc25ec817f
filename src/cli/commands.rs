//! What each subcommand does, and which exit code it ends with.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::args::{Cli, Command, RunArgs};
use super::exit;
use super::progress::Bars;
use crate::data::{self, DataErrors};
use crate::model::{CRIME_CATEGORIES, Dataset};
use crate::report::{render_files, render_text, write_folder};
use crate::scenario::{self, DatasetCache, Scenario};

pub fn execute(cli: Cli) -> u8 {
    match cli.command {
        Command::Run(args) => run(args),
        Command::Check { scenarios } => check(&scenarios),
        Command::Data { dataset } => data_summary(dataset),
    }
}

/// Loads every file, printing all problems; `None` if any had one.
fn load_all(paths: &[PathBuf]) -> Option<Vec<Scenario>> {
    let mut cache = DatasetCache::default();
    let mut ok = Vec::new();
    let mut failed = false;
    for path in paths {
        match scenario::load(path, &mut cache) {
            Ok(s) => ok.push(s),
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    (!failed).then_some(ok)
}

fn check(paths: &[PathBuf]) -> u8 {
    match load_all(paths) {
        None => exit::BAD_INPUT,
        Some(scenarios) => {
            for s in &scenarios {
                println!(
                    "ok  {}  ({}: {} command units, {} wards; {} draws, seed {})",
                    s.file,
                    s.name,
                    s.structure.units.len(),
                    s.dataset.wards.len(),
                    s.params.run.draws,
                    s.params.run.seed
                );
            }
            exit::OK
        }
    }
}

fn run(args: RunArgs) -> u8 {
    let Some(mut scenarios) = load_all(&args.scenarios) else {
        return exit::BAD_INPUT;
    };
    // A batch runs on the same draws: the first file's seed and draws unless overridden.
    let seed = args.seed.unwrap_or(scenarios[0].params.run.seed);
    let draws = args.draws.unwrap_or(scenarios[0].params.run.draws);
    let mut names: HashMap<String, String> = HashMap::new();
    for s in &mut scenarios {
        if s.params.run.seed != seed || s.params.run.draws != draws {
            if args.seed.is_none() && args.draws.is_none() && scenarios_len_gt1(&args) {
                eprintln!(
                    "note: {} runs with seed {seed} and {draws} draws, like the rest of the batch",
                    s.file
                );
            }
            s.params.run.seed = seed;
            s.params.run.draws = draws;
        }
        if let Some(other) = names.insert(s.name.clone(), s.file.clone()) {
            eprintln!(
                "error: {} and {} are both named `{}` and would write the same folder\n  hint: give one a different `name`",
                other, s.file, s.name
            );
            return exit::BAD_INPUT;
        }
    }
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = args.threads {
        builder = builder.num_threads(t as usize);
    }
    let pool = match builder.build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return exit::RUN_FAILED;
        }
    };
    let bars = Bars::new(args.quiet, scenarios.len() as u64);
    let mut failures = 0;
    for s in &scenarios {
        bars.scenarios.set_message(s.name.clone());
        let bar = bars.draws(&s.name, draws);
        let outcome = pool.install(|| crate::pipeline::run(s, &bar));
        bar.0.finish_and_clear();
        bars.scenarios.inc(1);
        let run = match outcome {
            Ok(r) => r,
            Err(e) => {
                bars.println(&format!("error: scenario `{}` ({}): {e}", s.name, s.file));
                failures += 1;
                continue;
            }
        };
        let dir = args.out.join(&s.name);
        if let Err(e) = write_folder(&dir, &render_files(&run.summary)) {
            bars.println(&format!(
                "error: scenario `{}`: cannot write {}: {e}",
                s.name,
                dir.display()
            ));
            failures += 1;
            continue;
        }
        if !args.quiet {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", render_text(&run.summary));
            let _ = writeln!(
                out,
                "  wrote {}/ (summary.json, wards.csv, units.csv, boroughs.csv, allocation.csv)\n",
                dir.display()
            );
        }
    }
    bars.scenarios.finish_and_clear();
    if failures > 0 {
        eprintln!("{failures} of {} scenario(s) failed", scenarios.len());
        exit::RUN_FAILED
    } else {
        exit::OK
    }
}

fn scenarios_len_gt1(args: &RunArgs) -> bool {
    args.scenarios.len() > 1
}

fn data_summary(dir: Option<PathBuf>) -> u8 {
    let loaded: Result<Dataset, DataErrors> = match &dir {
        None => data::london(),
        Some(d) => data::load_folder(d),
    };
    let ds = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    let pop = ds.population();
    let crime: f64 = ds.wards.iter().map(|w| w.crime_2018_total()).sum();
    let area: f64 = ds.wards.iter().map(|w| w.land_area_ha).sum();
    println!("dataset {}", ds.name);
    println!("  {}", ds.vintage);
    println!("  sha256 {}", ds.hash);
    println!(
        "  {} wards, {} boroughs, {} BCUs (2018-19 groups)",
        ds.wards.len(),
        ds.boroughs.len(),
        ds.bcus.len()
    );
    println!(
        "  population {:.0}; land area {:.0} km²; {:.0} residents per km²",
        pop,
        area / 100.0,
        pop / (area / 100.0)
    );
    println!(
        "  recorded crime 2018: {crime:.0} ({:.1} per 1,000 residents)",
        crime / pop * 1000.0
    );
    for (i, c) in CRIME_CATEGORIES.iter().enumerate() {
        let n: f64 = ds.wards.iter().map(|w| w.crime_2018[i]).sum();
        println!("    {:<32} {:>8.0}", c.replace('_', " "), n);
    }
    if let (Some(first), Some(last)) = (ds.months.first(), ds.months.last()) {
        let totals: Vec<f64> = (0..ds.months.len())
            .map(|m| ds.monthly_crime.iter().map(|w| w[m]).sum())
            .collect();
        let lo = totals.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = totals.iter().cloned().fold(0.0, f64::max);
        println!(
            "  monthly crime {first}..{last}: {lo:.0} to {hi:.0} a month (seasonality source)"
        );
    }
    if !ds.adjacency.is_empty() {
        println!("  {} pairs of wards share a boundary", ds.adjacency.len());
    }
    println!();
    println!(
        "  {:<24} {:>6} {:>10} {:>9}  2018-19 BCU",
        "borough", "wards", "population", "crime"
    );
    for b in &ds.boroughs {
        let c: f64 = b
            .wards
            .iter()
            .map(|w| ds.wards[w.0].crime_2018_total())
            .sum();
        println!(
            "  {:<24} {:>6} {:>10.0} {:>9.0}  {}",
            b.name,
            b.wards.len(),
            b.population,
            c,
            b.bcu_name.as_deref().unwrap_or("-")
        );
    }
    if !ds.bcus.is_empty() {
        println!();
        for g in &ds.bcus {
            let names: Vec<&str> = g
                .boroughs
                .iter()
                .map(|b| ds.boroughs[b.0].name.as_str())
                .collect();
            println!("  BCU {:<16} {}", g.name, names.join(", "));
        }
    }
    exit::OK
}
