//! Allocation for London by the optimiser at S = 50, 200 and 1,000 in-sample
//! weeks, with each available method on the same problem: exact marginal analysis
//! (the default where the problem is separable) and the LP (clarabel) with
//! rounding; plus the LP of the not-ring-fenced problem, which has flex columns for
//! every ward and week. Weeks are sampled before timing.
//!
//! Run: `cargo bench --bench allocation`. The LPs at S = 1,000 take minutes each;
//! they run only with `WARDSIM_BENCH_LARGE=1`. Figures go in BENCHMARKS.md.

use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use wardsim::allocation::needs;
use wardsim::allocation::optimise::{self, Rules};
use wardsim::plan::Plan;
use wardsim::scenario::{self, DatasetCache};

fn prepared(weeks: u64) -> (wardsim::model::Scenario, optimise::Prepared) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/two-pcs-optimised.toml");
    let mut s =
        scenario::load(&path, &mut DatasetCache::default()).expect("example scenario loads");
    s.params.allocation.optimise.in_sample_draws = weeks;
    let plan = Plan::new(&s);
    let n = needs(&s, &plan);
    let p = optimise::prepare(&s, &plan, &n).expect("feasible");
    (s, p)
}

fn allocation(c: &mut Criterion) {
    let large = std::env::var_os("WARDSIM_BENCH_LARGE").is_some();
    let mut group = c.benchmark_group("optimise_london");
    group.sample_size(10);
    for weeks in [50u64, 200, 1_000] {
        let (s, p) = prepared(weeks);
        // The separable problem: no exceptional week, so both methods apply.
        let mut pb = p.problem.clone();
        pb.exceptional.iter_mut().for_each(|e| *e = false);
        let mut o = s.params.allocation.optimise.clone();
        group.bench_with_input(
            BenchmarkId::new("marginal_analysis", weeks),
            &pb,
            |b, pb| {
                b.iter(|| optimise::solve_problem(pb, &o).expect("solves"));
            },
        );
        if weeks < 1_000 || large {
            o.fast_path = false;
            group.bench_with_input(BenchmarkId::new("lp_clarabel", weeks), &pb, |b, pb| {
                b.iter(|| optimise::solve_problem(pb, &o).expect("solves"));
            });
            let flexible = p.setting.problem(
                &p.sample,
                Rules {
                    ring_fenced: false,
                    ..p.setting.rules
                },
            );
            group.bench_with_input(
                BenchmarkId::new("lp_clarabel_flexible", weeks),
                &flexible,
                |b, pb| {
                    b.iter(|| optimise::solve_problem(pb, &o).expect("solves"));
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, allocation);
criterion_main!(benches);
