//! Inputs the documentation allows must run or be refused in words, never
//! panic: one regression test per failure found.

use super::common::{assert_ok, temp_dir, wardsim, write};

#[test]
fn a_vanishing_coefficient_of_variation_runs_instead_of_panicking() {
    // `demand.ward_cv = 1e-160` is within its documented range [0, 5]; its gamma
    // shape 1/cv² overflows to infinity, which once aborted the run (exit 101).
    let dir = temp_dir("tiny-cv");
    write(
        &dir,
        "tiny.toml",
        "schema_version = 1\n[demand]\nward_cv = 1e-160\nlondon_cv = 1e-160\n",
    );
    let (code, err) = run_in(
        &dir,
        &[
            "run",
            "tiny.toml",
            "--draws",
            "16",
            "--quiet",
            "--no-charts",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let summary = std::fs::read_to_string(dir.join("out/tiny/summary.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let i = v["london"]["i_on_time"]["mean"].as_f64().unwrap();
    assert!(i > 0.0 && i <= 1.0, "I on-time {i}");
}

/// Runs the binary in `dir` and returns (exit code, stderr).
fn run_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let r = wardsim().current_dir(dir).args(args).output().unwrap();
    (
        r.status.code(),
        String::from_utf8_lossy(&r.stderr).into_owned(),
    )
}

#[test]
fn a_folder_wardsim_did_not_write_is_never_replaced() {
    let dir = temp_dir("user-folder");
    write(&dir, "notes.toml", "schema_version = 1\nname = \"notes\"\n");
    write(&dir, "other.toml", "schema_version = 1\nname = \"other\"\n");
    write(&dir, "out/notes/thesis.txt", "two years of work");
    write(&dir, "mine/draft.txt", "a draft");
    let quick = ["--draws", "16", "--quiet", "--no-charts"];
    let (code, err) = run_in(&dir, &[&["run", "notes.toml"][..], &quick].concat());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("out/notes exists and was not written by wardsim"),
        "{err}"
    );
    let (code, err) = run_in(
        &dir,
        &[
            &["compare", "notes.toml", "other.toml", "--out", "mine"][..],
            &quick,
        ]
        .concat(),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("mine exists and was not written by wardsim"),
        "{err}"
    );
    // A sharded run's merge refuses too.
    let (code, err) = run_in(
        &dir,
        &[
            &["run", "notes.toml", "--shard", "1/1", "--out", "parts"][..],
            &quick,
        ]
        .concat(),
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = run_in(
        &dir,
        &["merge", "parts", "--out", "out", "--quiet", "--no-charts"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("was not written by wardsim"), "{err}");
    // Nothing of the user's was touched, and nothing was written beside it.
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    assert_eq!(read("out/notes/thesis.txt"), "two years of work");
    assert_eq!(read("mine/draft.txt"), "a draft");
    assert_eq!(std::fs::read_dir(dir.join("out/notes")).unwrap().count(), 1);
    assert_eq!(std::fs::read_dir(dir.join("mine")).unwrap().count(), 1);
}

#[test]
fn a_copied_scenario_does_not_silently_replace_the_originals_results() {
    let dir = temp_dir("copied-name");
    let text = "schema_version = 1\nname = \"study\"\n";
    write(&dir, "study.toml", text);
    write(
        &dir,
        "copy.toml",
        &format!("{text}[pool]\nofficers = 17000\n"),
    );
    let quick = ["--draws", "16", "--quiet", "--no-charts"];
    let (code, err) = run_in(&dir, &[&["run", "study.toml"][..], &quick].concat());
    assert_eq!(code, Some(0), "{err}");
    // The same file again (even named another way) replaces its own results.
    let (code, err) = run_in(&dir, &[&["run", "./study.toml"][..], &quick].concat());
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = run_in(&dir, &[&["run", "copy.toml"][..], &quick].concat());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("holds the results of ./study.toml, not of copy.toml")
            && err.contains("--force"),
        "{err}"
    );
    let marker = std::fs::read_to_string(dir.join("out/study/.wardsim-output.json")).unwrap();
    assert!(marker.contains("study.toml") && !marker.contains("copy.toml"));
    let (code, err) = run_in(
        &dir,
        &[&["run", "copy.toml", "--force"][..], &quick].concat(),
    );
    assert_eq!(code, Some(0), "{err}");
    let marker = std::fs::read_to_string(dir.join("out/study/.wardsim-output.json")).unwrap();
    assert!(marker.contains("copy.toml"), "{marker}");
}

#[test]
fn names_that_cannot_name_a_folder_are_refused_before_any_work() {
    let dir = temp_dir("bad-names");
    let long = "x".repeat(241);
    write(
        &dir,
        "nul.toml",
        "schema_version = 1\nname = \"a\\u0000b\"\n",
    );
    write(
        &dir,
        "long.toml",
        &format!("schema_version = 1\nname = \"{long}\"\n"),
    );
    for (file, found) in [
        ("nul.toml", "found \"a\\0b\""),
        ("long.toml", "found a name of 241 bytes"),
    ] {
        let (code, err) = run_in(&dir, &["check", file]);
        assert_eq!(code, Some(2), "{file}: {err}");
        assert!(
            err.contains(&format!("{file}:2:8")) && err.contains(found),
            "{file}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_given_as_a_file_is_refused_not_waited_on() {
    let dir = temp_dir("fifo");
    write(&dir, "ok.toml", "schema_version = 1\n");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.toml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Without the check this would block for ever on the pipe.
    let (code, err) = run_in(&dir, &["check", "pipe.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn the_lp_export_never_overwrites_its_scenario_and_says_when_it_replaces() {
    let dir = temp_dir("lp-over-input");
    let text =
        std::fs::read_to_string(super::common::root().join("scenarios/two-pcs-optimised.toml"))
            .unwrap()
            .replace("in_sample_draws = 200", "in_sample_draws = 8");
    write(&dir, "opt.toml", &text);
    let (code, err) = run_in(&dir, &["allocate", "opt.toml", "--write-lp", "opt.toml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is the scenario file itself"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("opt.toml")).unwrap(), text);
    write(&dir, "model.lp", "old");
    let r = wardsim()
        .current_dir(&dir)
        .args(["allocate", "opt.toml", "--write-lp", "model.lp"])
        .output()
        .unwrap();
    assert_ok(&r);
    assert!(String::from_utf8_lossy(&r.stdout).contains("replaced model.lp"));
}

#[test]
fn an_optimiser_too_large_for_the_machine_is_refused_before_it_starts() {
    // `in_sample_draws = 100000` is within its documented range, but the LP that
    // prices the ring-fence would need about 245 GB; it once ran until the
    // machine aborted it.
    let Some(kb) = std::fs::read_to_string("/proc/meminfo").ok().and_then(|t| {
        t.lines()
            .find(|l| l.starts_with("MemAvailable:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
    }) else {
        eprintln!("skipped: this system does not say how much memory is available");
        return;
    };
    if kb * 1024.0 > 245e9 {
        eprintln!("skipped: this machine has the memory");
        return;
    }
    let dir = temp_dir("too-large");
    let text =
        std::fs::read_to_string(super::common::root().join("scenarios/two-pcs-optimised.toml"))
            .unwrap()
            .replace("in_sample_draws = 200", "in_sample_draws = 100000");
    assert!(text.contains("in_sample_draws = 100000"));
    write(&dir, "big.toml", &text);
    let (code, err) = run_in(&dir, &["run", "big.toml", "--quiet", "--no-charts"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("needs about 245.0 GB of memory"), "{err}");
    assert!(!dir.join("out").exists(), "nothing written");
}
