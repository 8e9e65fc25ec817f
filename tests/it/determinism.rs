//! The same scenario and seed give bit-identical outputs on any thread count, and
//! a draw depends only on (seed, index).

use super::common::{example, root, temp_dir, wardsim};
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::plan::Plan;
use wardsim::report::render_files;
use wardsim::scenario::DatasetCache;
use wardsim::week::{DrawDemand, draw_rng, sample_demand};

fn files_on(threads: usize, draws: u64) -> Vec<(&'static str, Vec<u8>)> {
    let mut cache = DatasetCache::default();
    let s = example("bcu-2018.toml", draws, &mut cache);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let run = pool.install(|| pipeline::run(&s, &NoProgress)).unwrap();
    render_files(&run.summary)
}

#[test]
fn same_seed_same_outputs_on_any_thread_count() {
    // 700 draws = 3 chunks, so chunks really run on different threads.
    let one = files_on(1, 700);
    for threads in [2, 3, 8] {
        let many = files_on(threads, 700);
        for ((name, a), (_, b)) in one.iter().zip(&many) {
            assert!(a == b, "{name} differs between 1 and {threads} threads");
        }
    }
}

#[test]
fn the_cli_writes_identical_summaries_on_1_and_4_threads() {
    let out = temp_dir("threads");
    for t in ["1", "4"] {
        let r = wardsim()
            .current_dir(root())
            .args([
                "run",
                "scenarios/status-quo-2016.toml",
                "--draws",
                "600",
                "--quiet",
                "--threads",
                t,
                "--out",
            ])
            .arg(out.join(t))
            .output()
            .unwrap();
        assert_eq!(r.status.code(), Some(0));
    }
    let a = std::fs::read(out.join("1/status-quo-2016/summary.json")).unwrap();
    let b = std::fs::read(out.join("4/status-quo-2016/summary.json")).unwrap();
    assert!(a == b);
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_draw_depends_only_on_seed_and_index_and_is_shared_across_scenarios() {
    let mut cache = DatasetCache::default();
    let sq = example("status-quo-2016.toml", 10, &mut cache);
    let bcu = example("bcu-2018.toml", 10, &mut cache);
    let (p1, p2) = (Plan::new(&sq), Plan::new(&bcu));
    let sample = |plan: &Plan, params, i| {
        let mut d = DrawDemand::default();
        sample_demand(plan, params, &mut draw_rng(20160101, i), &mut d);
        d
    };
    // Same week in different policies and structures: common random numbers.
    assert_eq!(sample(&p1, &sq.params, 137), sample(&p2, &bcu.params, 137));
    // Different draws differ.
    assert_ne!(sample(&p1, &sq.params, 137), sample(&p1, &sq.params, 138));
}

#[test]
fn an_optimised_run_is_identical_on_any_thread_count() {
    // The flexible scenario goes through the LP, rule pricing by re-solve and the
    // out-of-sample estimate: all of it must be thread-count free.
    let on = |threads: usize| {
        let mut cache = DatasetCache::default();
        let mut s = example("flexible-ward-officers.toml", 600, &mut cache);
        s.params.allocation.optimise.in_sample_draws = 6;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let run = pool.install(|| pipeline::run(&s, &NoProgress)).unwrap();
        render_files(&run.summary)
    };
    let one = on(1);
    let three = on(3);
    for ((name, a), (_, b)) in one.iter().zip(&three) {
        assert!(a == b, "{name} differs between 1 and 3 threads");
    }
    let json = String::from_utf8(one[0].1.clone()).unwrap();
    assert!(json.contains("\"optimisation\"") && json.contains("\"in_words\""));
}
