//! Drawing the pictures of a London run: building every chart of a run, writing
//! the ward map as SVG, and rasterising it to PNG at the files' scale. The run is
//! simulated before timing; the timed part does no I/O.
//!
//! Run: `cargo bench --bench charts`. Figures go in BENCHMARKS.md.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use wardsim::chart::rasterise;
use wardsim::data::boundaries;
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::report::{PNG_SCALE, run_charts, run_pictures};
use wardsim::scenario::{self, DatasetCache};

fn charts(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/bcu-2018.toml");
    let mut s = scenario::load(&path, &mut DatasetCache::default()).expect("example loads");
    s.params.run.draws = 256;
    let run = pipeline::run(&s, &NoProgress).expect("feasible");
    let b = boundaries(&s.dataset)
        .expect("London outlines")
        .expect("they parse");
    let mut group = c.benchmark_group("charts_london");
    group.sample_size(10);
    group.bench_function("load_outlines", |x| x.iter(|| boundaries(&s.dataset)));
    group.bench_function("build_run_charts", |x| {
        x.iter(|| run_charts(&run.summary, Some(&b)))
    });
    let map = run_charts(&run.summary, Some(&b)).remove(1).figure;
    group.bench_function("ward_map_svg", |x| x.iter(|| map.to_svg()));
    let svg = map.to_svg();
    group.bench_function("ward_map_png", |x| {
        x.iter(|| rasterise(&svg, PNG_SCALE).expect("renders"))
    });
    group.bench_function("all_run_pictures", |x| {
        x.iter(|| run_pictures(&run.summary, Some(&b)).expect("renders"))
    });
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
