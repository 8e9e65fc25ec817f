//! What each subcommand does, and which exit code it ends with.

use std::collections::HashMap;
use std::path::PathBuf;

use super::args::{AllocateArgs, Cli, Command, CompareArgs, RunArgs, ShardArgs};
use super::exit;
use super::outputs::Writer;
use super::pictures::Outlines;
use super::progress::Bars;
use super::sharded::ShardJob;
use crate::data::{self, DataErrors};
use crate::model::{CRIME_CATEGORIES, Dataset};
use crate::model::{Scenario, ScenarioFile as Loaded};
use crate::scenario::{self, DatasetCache};
use crate::shard::{self, Kind, Shard};

pub fn execute(cli: Cli) -> u8 {
    match cli.command {
        Command::Run(args) => run(args),
        Command::Compare(args) => compare(args),
        Command::Allocate(args) => allocate(args),
        Command::Check { scenarios } => check(&scenarios),
        Command::Data { dataset } => data_summary(dataset),
        Command::Merge(args) => super::merge::merge(args),
    }
}

/// Files named on the command line, with folders expanded to their files that
/// `keep` accepts (by name), sorted.
pub(super) fn expand_with(paths: &[PathBuf], keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
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

/// Scenario files named on the command line, folders expanded to their `*.toml`.
pub(super) fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand_with(paths, |name| name.ends_with(".toml"))
}

/// Loads every file, printing every problem; returns what loaded and whether
/// anything was bad.
pub(super) fn load_files(paths: &[PathBuf]) -> (Vec<Loaded>, bool) {
    let mut cache = DatasetCache::default();
    let mut ok = Vec::new();
    let mut bad = false;
    for path in expand(paths) {
        match scenario::load_file(&path, &mut cache) {
            Ok(l) => ok.push(l),
            Err(e) => {
                eprintln!("{e}");
                bad = true;
            }
        }
    }
    (ok, bad)
}

fn check(paths: &[PathBuf]) -> u8 {
    let (files, bad) = load_files(paths);
    if bad {
        return exit::BAD_INPUT;
    }
    for l in &files {
        let s = &l.scenarios[0];
        let what = match (&l.sweep, l.scenarios.len()) {
            (Some(sw), n) => format!("sweep of {} over {n} points", sw.parameter),
            (None, 1) => format!("{} command units", s.structure.units.len()),
            (None, n) => format!("base and {} variant(s)", n - 1),
        };
        println!(
            "ok  {}  ({}: {what}; {} wards; {} draws, seed {})",
            s.file,
            l.name,
            s.dataset.wards.len(),
            s.params.run.draws,
            s.params.run.seed
        );
    }
    exit::OK
}

/// Gives every scenario the same seed and draws: the first one's unless overridden.
pub(super) fn harmonise<'a>(
    scenarios: impl Iterator<Item = &'a mut Scenario>,
    seed: Option<u64>,
    draws: Option<u64>,
) -> (u64, u64) {
    let mut chosen: Option<(u64, u64)> = None;
    for s in scenarios {
        let (sd, dr) = *chosen.get_or_insert((
            seed.unwrap_or(s.params.run.seed),
            draws.unwrap_or(s.params.run.draws),
        ));
        s.params.run.seed = sd;
        s.params.run.draws = dr;
    }
    chosen.unwrap_or((0, 0))
}

/// Output folder names must be unique in one command.
pub(super) fn unique_names<'a>(names: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (name, file) in names {
        if let Some(other) = seen.insert(name, file) {
            eprintln!(
                "error: {other} and {file} both write a folder named `{name}`\n  hint: give one a different `name`"
            );
            return false;
        }
    }
    true
}

/// The shard this process runs, if any (`--shard`, `--shards` or the scheduler's
/// environment); prints the problem and returns `Err(exit code)` if unclear.
fn shard_of(args: &ShardArgs) -> Result<Option<(Shard, String)>, u8> {
    shard::resolve(args.shard, args.shards, &|name| std::env::var(name).ok()).map_err(|e| {
        eprintln!("error: {e}");
        exit::BAD_INPUT
    })
}

fn run(args: RunArgs) -> u8 {
    let shard = match shard_of(&args.shard) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (mut files, bad) = load_files(&args.scenarios);
    if files.is_empty() || (bad && shard.is_some()) {
        return exit::BAD_INPUT;
    }
    let (seed, draws) = harmonise(
        files.iter_mut().flat_map(|l| l.scenarios.iter_mut()),
        args.seed,
        args.draws,
    );
    set_gap_batches(
        files.iter_mut().flat_map(|l| l.scenarios.iter_mut()),
        args.gap_batches,
    );
    let folders: Vec<(String, String)> = files
        .iter()
        .flat_map(|l| match &l.sweep {
            Some(_) => vec![(l.name.clone(), l.scenarios[0].file.clone())],
            None => l
                .scenarios
                .iter()
                .map(|s| (s.name.clone(), s.file.clone()))
                .collect(),
        })
        .collect();
    if !unique_names(folders.iter().map(|(n, f)| (n.as_str(), f.as_str()))) {
        return exit::BAD_INPUT;
    }
    let Some(pool) = thread_pool(args.threads) else {
        return exit::RUN_FAILED;
    };
    if let Some((shard, source)) = shard {
        let job = ShardJob {
            kind: Kind::Run,
            files: expand(&args.scenarios),
            seed,
            draws,
            gap_batches: args.gap_batches,
            label: run_label(&files),
            out: args.out.unwrap_or_else(|| PathBuf::from("out/parts")),
            quiet: args.quiet,
        };
        let (names, scenarios) = run_tasks(&files);
        return job.run(&scenarios, &names, shard, &source, &pool);
    }
    let (outlines, outlines_ok) = Outlines::load(
        !args.no_charts,
        files.iter().flat_map(|l| l.scenarios.iter()),
    );
    if !outlines_ok {
        return exit::BAD_INPUT;
    }
    let out = args.out.unwrap_or_else(|| PathBuf::from("out"));
    let writer = Writer {
        outlines: &outlines,
        pool: &pool,
        quiet: args.quiet,
    };
    let total: usize = files.iter().map(|l| l.scenarios.len()).sum();
    let bars = Bars::new(args.quiet, total as u64);
    let mut failures = 0;
    for l in &files {
        if let Some(sw) = &l.sweep {
            bars.scenarios.set_message(l.name.clone());
            let bar = bars.draws(&l.name, draws * l.scenarios.len() as u64);
            let outcome =
                pool.install(|| crate::pipeline::sweep(&l.scenarios, sw, args.jobs as usize, &bar));
            bar.0.finish_and_clear();
            bars.scenarios.inc(l.scenarios.len() as u64);
            let written = match outcome {
                Err((k, e)) => Err(format!(
                    ", point `{}` ({}): {e}",
                    l.scenarios[k].name, l.scenarios[k].file
                )),
                Ok(r) => writer
                    .sweep(&out, &l.name, &r)
                    .map_err(|e| format!(": {e}")),
            };
            if let Err(e) = written {
                bars.println(&format!("error: sweep `{}`{e}", l.name));
                failures += 1;
            }
            continue;
        }
        for s in &l.scenarios {
            bars.scenarios.set_message(s.name.clone());
            let bar = bars.draws(&s.name, draws);
            let outcome = pool.install(|| crate::pipeline::run(s, &bar));
            bar.0.finish_and_clear();
            bars.scenarios.inc(1);
            let written = match outcome {
                Err(e) => Err(format!(" ({}): {e}", s.file)),
                Ok(run) => writer.scenario(&out, s, &run).map_err(|e| format!(": {e}")),
            };
            if let Err(e) = written {
                bars.println(&format!("error: scenario `{}`{e}", s.name));
                failures += 1;
            }
        }
    }
    bars.scenarios.finish_and_clear();
    if failures > 0 {
        eprintln!("{failures} scenario(s) or sweep(s) failed; the others finished");
    }
    if bad {
        exit::BAD_INPUT
    } else if failures > 0 {
        exit::RUN_FAILED
    } else {
        exit::OK
    }
}

/// A run's tasks: every scenario in order, sweep points included (their names
/// already carry the sweep's).
pub(super) fn run_tasks(files: &[Loaded]) -> (Vec<String>, Vec<&Scenario>) {
    files
        .iter()
        .flat_map(|l| l.scenarios.iter().map(|s| (s.name.clone(), s)))
        .unzip()
}

/// Names a run's part files: its one scenario or sweep, or the first and a count.
fn run_label(files: &[Loaded]) -> String {
    let names: Vec<&str> = files
        .iter()
        .flat_map(|l| match &l.sweep {
            Some(_) => vec![l.name.as_str()],
            None => l.scenarios.iter().map(|s| s.name.as_str()).collect(),
        })
        .collect();
    match names.len() {
        1 => names[0].to_string(),
        n => format!("{}-and-{}-more", names[0], n - 1),
    }
}

/// Applies `--gap-batches` to every scenario.
pub(super) fn set_gap_batches<'a>(
    scenarios: impl Iterator<Item = &'a mut Scenario>,
    batches: Option<u32>,
) {
    if let Some(k) = batches {
        for s in scenarios {
            s.params.allocation.optimise.gap_batches = k;
        }
    }
}

fn allocate(args: AllocateArgs) -> u8 {
    use crate::allocation::{self, optimise};
    use crate::model::AllocationMethod;
    use crate::plan::Plan;
    let (mut files, bad) = load_files(std::slice::from_ref(&args.scenario));
    if bad || files.is_empty() {
        return exit::BAD_INPUT;
    }
    let mut loaded = files.remove(0);
    harmonise(loaded.scenarios.iter_mut(), args.seed, None);
    set_gap_batches(loaded.scenarios.iter_mut(), args.gap_batches);
    let exporting = args.write_lp.is_some() || args.write_mps.is_some();
    if exporting && loaded.scenarios.len() > 1 {
        eprintln!(
            "error: {} holds {} scenarios (variants or sweep points); --write-lp and --write-mps need a file with one",
            args.scenario.display(),
            loaded.scenarios.len()
        );
        return exit::BAD_INPUT;
    }
    if exporting && loaded.scenarios[0].params.allocation.method != AllocationMethod::Optimise {
        eprintln!(
            "error: scenario `{}` uses the formula method, which solves no LP; set `allocation.method = \"optimise\"`",
            loaded.scenarios[0].name
        );
        return exit::BAD_INPUT;
    }
    let mut failures = 0;
    for s in &loaded.scenarios {
        let plan = Plan::new(s);
        let a = match allocation::allocate(s, &plan) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: scenario `{}` ({}): {e}", s.name, s.file);
                failures += 1;
                continue;
            }
        };
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
            println!(
                "  {:<28} {:>7} {:>6} {:>9}",
                s.structure.units[u].name,
                unit.wards
                    .iter()
                    .map(|&w| u64::from(a.ward_officers[w]))
                    .sum::<u64>(),
                unit.wards
                    .iter()
                    .map(|&w| u64::from(a.pcsos[w]))
                    .sum::<u64>(),
                a.response_officers[u]
            );
        }
        if let Some(o) = &a.optimisation {
            for sentence in crate::report::in_words(o) {
                println!("  · {sentence}");
            }
        }
        if !exporting {
            continue;
        }
        let needs = allocation::needs(s, &plan);
        let prepared = match optimise::prepare(s, &plan, &needs) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: scenario `{}`: {e}", s.name);
                return exit::RUN_FAILED;
            }
        };
        let lp = optimise::LinearProgram::build(&prepared.problem);
        let title = format!(
            "wardsim {} LP of scenario {} (seed {}, {} in-sample weeks; scenario hash {})",
            env!("CARGO_PKG_VERSION"),
            s.name,
            s.params.run.seed,
            prepared.problem.weeks,
            s.hash
        );
        for (path, text) in [
            (
                &args.write_lp,
                args.write_lp.as_ref().map(|_| lp.to_lp(&title)),
            ),
            (
                &args.write_mps,
                args.write_mps.as_ref().map(|_| lp.to_mps(&s.name)),
            ),
        ] {
            if let (Some(path), Some(text)) = (path, text) {
                if let Err(e) = crate::report::write_file(path, text.as_bytes()) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return exit::RUN_FAILED;
                }
                println!(
                    "  wrote {} ({} columns, {} rows)",
                    path.display(),
                    lp.columns.len(),
                    lp.rows.len()
                );
            }
        }
    }
    if failures > 0 {
        exit::RUN_FAILED
    } else {
        exit::OK
    }
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

pub(super) fn thread_pool(threads: Option<u64>) -> Option<rayon::ThreadPool> {
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
    let shard = match shard_of(&args.shard) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (files, bad) = load_files(&args.scenarios);
    if bad {
        return exit::BAD_INPUT;
    }
    let mut scenarios: Vec<Scenario> = files.into_iter().flat_map(|l| l.scenarios).collect();
    if scenarios.len() < 2 {
        eprintln!(
            "error: compare needs at least two scenarios\n  hint: give two or more files, or one file with [[variant]] tables"
        );
        return exit::BAD_INPUT;
    }
    let (seed, draws) = harmonise(scenarios.iter_mut(), args.seed, args.draws);
    if !unique_names(scenarios.iter().map(|s| (s.name.as_str(), s.file.as_str()))) {
        return exit::BAD_INPUT;
    }
    let Some(pool) = thread_pool(args.threads) else {
        return exit::RUN_FAILED;
    };
    let label = compare_label(&scenarios);
    if let Some((shard, source)) = shard {
        let job = ShardJob {
            kind: Kind::Compare,
            files: expand(&args.scenarios),
            seed,
            draws,
            gap_batches: None,
            label,
            out: args.out.unwrap_or_else(|| PathBuf::from("out/parts")),
            quiet: args.quiet,
        };
        let names: Vec<String> = scenarios.iter().map(|s| s.name.clone()).collect();
        let refs: Vec<&Scenario> = scenarios.iter().collect();
        return job.run(&refs, &names, shard, &source, &pool);
    }
    let (outlines, outlines_ok) = Outlines::load(!args.no_charts, scenarios.iter());
    if !outlines_ok {
        return exit::BAD_INPUT;
    }
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(label));
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
    let writer = Writer {
        outlines: &outlines,
        pool: &pool,
        quiet: args.quiet,
    };
    match writer.comparison(&dir, &scenarios, &run) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::RUN_FAILED
        }
    }
}

/// A comparison's default folder name, and the name of its part files.
pub(super) fn compare_label<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>) -> String {
    let names: Vec<&str> = scenarios.into_iter().map(|s| s.name.as_str()).collect();
    format!("compare-{}", names.join("-vs-"))
}
