//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use wardsim::model::{Metric, Scenario};
use wardsim::pipeline;
use wardsim::scenario::{self, DatasetCache};

/// The crate root (tests run from it, but be explicit).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scenario from TOML text on the embedded London data.
pub fn london(text: &str, cache: &mut DatasetCache) -> Scenario {
    scenario::parse("test.toml", text, "test", Path::new("."), cache)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Loads a file from `scenarios/` with a small number of draws.
pub fn example(name: &str, draws: u64, cache: &mut DatasetCache) -> Scenario {
    let mut s = scenario::load(&root().join("scenarios").join(name), cache)
        .unwrap_or_else(|e| panic!("{e}"));
    s.params.run.draws = draws;
    s
}

/// A fresh empty folder under the system temp dir.
pub fn temp_dir(label: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wardsim-it-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The binary, with no scheduler variables inherited (inside a job array they
/// would make every run a shard).
pub fn wardsim() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_wardsim"));
    for v in [
        "SLURM_ARRAY_TASK_ID",
        "SLURM_ARRAY_TASK_MIN",
        "SLURM_ARRAY_TASK_MAX",
        "SLURM_ARRAY_TASK_COUNT",
        "JOB_COMPLETION_INDEX",
    ] {
        c.env_remove(v);
    }
    c
}

/// Writes a file, creating its folder.
pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs the binary from the crate root and requires exit code 0.
pub fn wardsim_ok(args: &[&str], out: &Path) -> std::process::Output {
    let r = wardsim()
        .current_dir(root())
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert_ok(&r);
    r
}

/// Requires exit code 0, showing stderr if not.
pub fn assert_ok(r: &std::process::Output) {
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}

/// London's mean of a metric in a run.
pub fn london_mean(run: &pipeline::Run, m: Metric) -> f64 {
    run.summary.london[&m].unwrap().mean
}

/// A borough's mean of a metric in a run.
pub fn borough_mean(run: &pipeline::Run, name: &str, m: Metric) -> f64 {
    let b = run
        .summary
        .boroughs
        .iter()
        .find(|b| b.borough_name == name)
        .unwrap_or_else(|| panic!("{name}"));
    b.metrics[&m].unwrap().mean
}
