//! Monte Carlo throughput for London in draws per second, on one thread and on
//! all threads, plus the formula allocation. Inputs are built before timing; the
//! timed part does no I/O.
//!
//! Run: `cargo bench --bench simulation`. Figures go in BENCHMARKS.md.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wardsim::allocation::allocate;
use wardsim::montecarlo::{Case, NoProgress, simulate, simulate_paired};
use wardsim::plan::Plan;
use wardsim::scenario::{self, DatasetCache};

const DRAWS: u64 = 4_096;

fn london(file: &str) -> wardsim::model::Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(file);
    scenario::load(&path, &mut DatasetCache::default()).expect("example scenario loads")
}

fn throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate_london");
    group.throughput(Throughput::Elements(DRAWS));
    group.sample_size(10);
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    for file in ["two-pcs-per-ward.toml", "bcu-2018.toml"] {
        let s = london(file);
        let plan = Plan::new(&s);
        let a = allocate(&s, &plan).expect("feasible");
        for threads in [1, all] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("threads");
            let name = format!("{}/threads={threads}", file.trim_end_matches(".toml"));
            group.bench_function(name, |b| {
                b.iter(|| pool.install(|| simulate(&plan, &s.params, &a, DRAWS, &NoProgress)));
            });
        }
    }
    group.finish();
}

/// The same scenario under each response model version (the version 2 analytic
/// path must not cost more per draw than version 1).
fn versions(c: &mut Criterion) {
    let mut group = c.benchmark_group("model_version");
    group.throughput(Throughput::Elements(DRAWS));
    group.sample_size(10);
    for version in [1, 2] {
        let mut s = london("two-pcs-per-ward.toml");
        s.params.run.model_version = version;
        let plan = Plan::new(&s);
        let a = allocate(&s, &plan).expect("feasible");
        group.bench_function(format!("two-pcs-per-ward/v{version}/all_threads"), |b| {
            b.iter(|| simulate(&plan, &s.params, &a, DRAWS, &NoProgress));
        });
    }
    group.finish();
}

/// The event-level simulation (MODEL §5.7) against the analytic path, on the
/// status quo, all threads (target: 10,000 London weeks in under 60 s on two
/// cores, memory flat in draws).
fn fidelity(c: &mut Criterion) {
    use wardsim::model::params::Fidelity;
    let mut group = c.benchmark_group("fidelity");
    group.throughput(Throughput::Elements(1_024));
    group.sample_size(10);
    for fidelity in [Fidelity::Analytic, Fidelity::Events] {
        let mut s = london("status-quo-2016.toml");
        s.params.run.fidelity = fidelity;
        let plan = Plan::new(&s);
        let a = allocate(&s, &plan).expect("feasible");
        group.bench_function(
            format!("status-quo-2016/{}/all_threads", fidelity.as_str()),
            |b| {
                b.iter(|| simulate(&plan, &s.params, &a, 1_024, &NoProgress));
            },
        );
    }
    group.finish();
}

/// Status quo and two-PCs side by side on common draws (the `compare` workload).
fn paired(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare_london");
    group.throughput(Throughput::Elements(DRAWS));
    group.sample_size(10);
    let scenarios = [
        london("status-quo-2016.toml"),
        london("two-pcs-per-ward.toml"),
    ];
    let plans: Vec<Plan> = scenarios.iter().map(Plan::new).collect();
    let allocations: Vec<_> = scenarios
        .iter()
        .zip(&plans)
        .map(|(s, p)| allocate(s, p).expect("feasible"))
        .collect();
    let cases: Vec<Case> = (0..2)
        .map(|k| Case {
            plan: &plans[k],
            params: &scenarios[k].params,
            allocation: &allocations[k],
            dataset: &scenarios[k].dataset.hash,
        })
        .collect();
    group.bench_function("two_scenarios/all_threads", |b| {
        b.iter(|| simulate_paired(&cases, scenarios[0].params.run.seed, DRAWS, &NoProgress));
    });
    group.finish();
}

fn allocation(c: &mut Criterion) {
    let s = london("two-pcs-per-ward.toml");
    let plan = Plan::new(&s);
    c.bench_function("allocate_formula_london", |b| {
        b.iter(|| allocate(&s, &plan).expect("feasible"))
    });
    c.bench_function("plan_london", |b| b.iter(|| Plan::new(&s)));
}

criterion_group!(benches, throughput, versions, fidelity, paired, allocation);
criterion_main!(benches);
