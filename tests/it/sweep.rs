//! Variants, sweeps and batches.

use super::common::{london, root, temp_dir, wardsim, write};
use wardsim::model::Metric;
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::scenario::{DatasetCache, load_file, parse_file};

#[test]
fn variants_run_as_their_own_scenarios_over_the_base() {
    let mut cache = DatasetCache::default();
    let loaded = load_file(
        &root().join("scenarios/compare-ring-fence.toml"),
        &mut cache,
    )
    .unwrap();
    assert_eq!(loaded.scenarios.len(), 2);
    let (base, flexible) = (&loaded.scenarios[0], &loaded.scenarios[1]);
    assert_eq!(
        (base.name.as_str(), flexible.name.as_str()),
        ("ring-fenced", "flexible")
    );
    assert!(base.params.policy.ring_fence.enabled && !flexible.params.policy.ring_fence.enabled);
    // Everything else is the base's.
    assert_eq!(
        base.params.policy.ward_officers,
        flexible.params.policy.ward_officers
    );
    assert_eq!(base.params.pool, flexible.params.pool);
    assert_ne!(base.hash, flexible.hash);
}

fn sweep_text(extra: &str) -> String {
    format!(
        "schema_version = 1\nname = \"s\"\n[run]\ndraws = 160\n[policy]\nward_officers = 2\nhigh_harm_wards = 0\n\
         [sweep]\nparameter = \"pool.officers\"\nfrom = 18000\nto = 14000\nstep = 1000\ntarget = 0.75\n{extra}"
    )
}

#[test]
fn a_sweep_is_monotone_where_the_model_guarantees_it() {
    let mut cache = DatasetCache::default();
    let loaded = parse_file(
        "s.toml",
        &sweep_text(""),
        "s",
        std::path::Path::new("."),
        &mut cache,
    )
    .unwrap();
    let sweep = loaded.sweep.clone().unwrap();
    assert_eq!(sweep.values, ["18000", "17000", "16000", "15000", "14000"]);
    let run = pipeline::sweep(&loaded.scenarios, &sweep, 2, &NoProgress).unwrap();
    let rows = &run.table.rows;
    for pair in rows.windows(2) {
        // Fewer officers never means better response on the same weeks.
        for m in [Metric::IOnTime, Metric::SOnTime] {
            let (a, b) = (
                pair[0].metrics[&m].unwrap().mean,
                pair[1].metrics[&m].unwrap().mean,
            );
            assert!(
                b <= a,
                "{m}: {} -> {}: {a} -> {b}",
                pair[0].value,
                pair[1].value
            );
        }
        assert!(pair[1].response_officers < pair[0].response_officers);
    }
    let c = &run.table.crossings[0];
    let x = c
        .estimate
        .expect("the two-PCs policy crosses 75% in this range");
    assert!((14_000.0..=18_000.0).contains(&x));
    assert!(c.band_low.unwrap() <= x && x <= c.band_high.unwrap());
}

#[test]
fn a_two_parameter_sweep_reports_a_crossing_per_series() {
    let mut cache = DatasetCache::default();
    let text = sweep_text(
        "[sweep.by]\nparameter = \"structure.units\"\nvalues = [\"boroughs\", \"bcu2018\"]\n",
    )
    .replace("step = 1000", "step = 2000");
    let loaded = parse_file("s.toml", &text, "s", std::path::Path::new("."), &mut cache).unwrap();
    assert_eq!(loaded.scenarios.len(), 6);
    assert_eq!(loaded.scenarios[3].structure.units.len(), 12);
    let run = pipeline::sweep(
        &loaded.scenarios,
        loaded.sweep.as_ref().unwrap(),
        1,
        &NoProgress,
    )
    .unwrap();
    assert_eq!(run.table.crossings.len(), 2);
    assert_eq!(run.table.crossings[1].by.as_deref(), Some("bcu2018"));
}

#[test]
fn sweep_results_do_not_depend_on_jobs() {
    let out = temp_dir("sweep-jobs");
    write(&out, "s.toml", &sweep_text(""));
    for jobs in ["1", "3"] {
        let r = wardsim()
            .current_dir(&out)
            .args(["run", "s.toml", "--quiet", "--jobs", jobs, "--out"])
            .arg(out.join(jobs))
            .output()
            .unwrap();
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    let a = std::fs::read(out.join("1/s/sweep.json")).unwrap();
    let b = std::fs::read(out.join("3/s/sweep.json")).unwrap();
    assert!(a == b);
    assert!(
        out.join("1/s/points/s-officers-16000/summary.json")
            .is_file()
    );
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_batch_reports_a_bad_file_and_still_runs_the_rest() {
    let dir = temp_dir("batch");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    write(&dir, "in/a.toml", "schema_version = 1\n[run]\ndraws = 32\n");
    write(
        &dir,
        "in/b.toml",
        "schema_version = 1\n[pool]\nofficers = \"x\"\n",
    );
    write(
        &dir,
        "in/c.toml",
        "schema_version = 1\n[pool]\nofficers = 3000\n",
    );
    let r = wardsim()
        .current_dir(&dir)
        .args(["run", "in", "--quiet"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(
        r.status.code(),
        Some(2),
        "bad input outranks a failed run: {err}"
    );
    assert!(err.contains("b.toml:3:12"), "{err}");
    assert!(err.contains("scenario `c`"), "{err}");
    assert!(
        dir.join("out/a/summary.json").is_file(),
        "the good file still ran"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_variant_error_points_into_the_variant() {
    let mut cache = DatasetCache::default();
    let text = "schema_version = 1\n\n[[variant]]\nname = \"x\"\n[variant.pool]\nofficers = -5\n";
    let err = parse_file("v.toml", text, "v", std::path::Path::new("."), &mut cache)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("v.toml:6:12: error: `pool.officers` is out of range"),
        "{err}"
    );
    let _ = london("schema_version = 1\n", &mut cache);
}
