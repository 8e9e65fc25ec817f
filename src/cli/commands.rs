//! What each subcommand does, and which exit code it ends with.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use super::args::{Cli, Command, CompareArgs, RunArgs};
use super::exit;
use super::progress::Bars;
use crate::data::{self, DataErrors};
use crate::model::{CRIME_CATEGORIES, Dataset};
use crate::report::{
    area_files, comparison_csv, comparison_json, render_comparison_text, render_files, render_text,
    write_folder,
};
use crate::scenario::{self, DatasetCache, Scenario};

pub fn execute(cli: Cli) -> u8 {
    match cli.command {
        Command::Run(args) => run(args),
        Command::Compare(args) => compare(args),
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

fn thread_pool(threads: Option<u64>) -> Option<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        builder = builder.num_threads(t as usize);
    }
    match builder.build() {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            None
        }
    }
}

fn compare(args: CompareArgs) -> u8 {
    let Some(mut scenarios) = load_all(&args.scenarios) else {
        return exit::BAD_INPUT;
    };
    if scenarios.len() < 2 {
        eprintln!(
            "error: compare needs at least two scenarios\n  hint: give two or more files, e.g. status quo and a policy"
        );
        return exit::BAD_INPUT;
    }
    let seed = args.seed.unwrap_or(scenarios[0].params.run.seed);
    let draws = args.draws.unwrap_or(scenarios[0].params.run.draws);
    let mut seen = HashMap::new();
    for s in &mut scenarios {
        s.params.run.seed = seed;
        s.params.run.draws = draws;
        if let Some(other) = seen.insert(s.name.clone(), s.file.clone()) {
            eprintln!(
                "error: {other} and {} are both named `{}`\n  hint: give one a different `name`",
                s.file, s.name
            );
            return exit::BAD_INPUT;
        }
    }
    let Some(pool) = thread_pool(args.threads) else {
        return exit::RUN_FAILED;
    };
    let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(format!("compare-{}", names.join("-vs-"))));
    let bars = Bars::new(args.quiet, 1);
    let bar = bars.draws(&format!("{} scenarios", scenarios.len()), draws);
    let outcome = pool.install(|| crate::pipeline::compare(&scenarios, &bar));
    bar.0.finish_and_clear();
    let run = match outcome {
        Ok(r) => r,
        Err((k, e)) => {
            eprintln!(
                "error: scenario `{}` ({}): {e}",
                scenarios[k].name, scenarios[k].file
            );
            return exit::RUN_FAILED;
        }
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("comparison.csv".into(), comparison_csv(&run.comparison)),
        ("comparison.json".into(), comparison_json(&run.comparison)),
    ];
    files.extend(
        area_files(&run.comparison)
            .into_iter()
            .map(|(n, b)| (n.to_string(), b)),
    );
    for r in &run.runs {
        for (name, bytes) in render_files(&r.summary) {
            files.push((format!("{}/{name}", r.summary.provenance.scenario), bytes));
        }
    }
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    if let Err(e) = write_folder(&dir, &refs) {
        eprintln!("error: cannot write {}: {e}", dir.display());
        return exit::RUN_FAILED;
    }
    if !args.quiet {
        println!("{}", render_comparison_text(&run.comparison));
        println!(
            "  wrote {}/ (comparison.csv, comparison.json, wards_diff.csv, boroughs_diff.csv, and a folder per scenario)",
            dir.display()
        );
    }
    exit::OK
}
