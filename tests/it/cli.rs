//! The command line as a user meets it: exit codes, outputs, atomic writes.

use super::common::{root, temp_dir, wardsim, write};

#[test]
fn run_writes_every_output_file_and_prints_the_summary() {
    let out = temp_dir("cli-run");
    let r = wardsim()
        .current_dir(root())
        .args([
            "run",
            "scenarios/two-pcs-per-ward.toml",
            "--draws",
            "64",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    for f in [
        "summary.json",
        "wards.csv",
        "units.csv",
        "boroughs.csv",
        "allocation.csv",
    ] {
        assert!(
            out.join("two-pcs-per-ward").join(f).is_file(),
            "{f} missing"
        );
    }
    let wards = std::fs::read_to_string(out.join("two-pcs-per-ward/wards.csv")).unwrap();
    assert_eq!(wards.lines().count(), 630, "header + 629 wards");
    let boroughs = std::fs::read_to_string(out.join("two-pcs-per-ward/boroughs.csv")).unwrap();
    assert!(
        boroughs
            .lines()
            .next()
            .unwrap()
            .contains("officers_per_1000")
    );
    assert_eq!(boroughs.lines().count(), 33);

    let loud = wardsim()
        .current_dir(root())
        .args([
            "run",
            "scenarios/two-pcs-per-ward.toml",
            "--draws",
            "64",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&loud.stdout);
    for needle in [
        "I calls on time",
        "S calls on time",
        "utilisation",
        "overloaded",
        "unmet",
        "neighbourhood cover",
        "officers per 1,000",
        "Harrow",
        "95% CI",
    ] {
        assert!(text.contains(needle), "stdout lacks {needle}:\n{text}");
    }
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn an_infeasible_pool_fails_in_domain_words_and_writes_nothing() {
    let dir = temp_dir("cli-infeasible");
    write(
        &dir,
        "tiny.toml",
        "schema_version = 1\n[pool]\nofficers = 3000\n",
    );
    write(&dir, "fine.toml", "schema_version = 1\n[run]\ndraws = 32\n");
    let r = wardsim()
        .current_dir(&dir)
        .args(["run", "tiny.toml", "fine.toml", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("ward minimums need 729 officers"), "{err}");
    assert!(
        err.contains("the pool of 3,000 has 2,040 after command overhead"),
        "{err}"
    );
    assert!(
        !dir.join("out/tiny").exists(),
        "a failed run leaves no folder"
    );
    assert!(
        dir.join("out/fine/summary.json").is_file(),
        "the rest of the batch still runs"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_flags_exit_2_and_help_lists_exit_codes() {
    let r = wardsim()
        .args(["run", "x.toml", "--draws", "zero"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let r = wardsim().args(["--help"]).output().unwrap();
    assert_eq!(r.status.code(), Some(0));
    let help = String::from_utf8_lossy(&r.stdout);
    assert!(
        help.contains("Exit codes") && help.contains("bad input"),
        "{help}"
    );
    let r = wardsim()
        .args(["run", "does-not-exist.toml"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&r.stderr)
            .contains("does-not-exist.toml:1:1: error: cannot read the scenario file")
    );
}

#[test]
fn data_summarises_the_embedded_london_dataset() {
    let r = wardsim().args(["data"]).output().unwrap();
    assert_eq!(r.status.code(), Some(0));
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(text.contains("629 wards, 32 boroughs, 12 BCUs"), "{text}");
    assert!(text.contains("population 8952270"), "{text}");
    assert!(text.contains("recorded crime 2018: 825970"), "{text}");
}

#[test]
fn an_earlier_good_result_survives_a_failed_rerun() {
    let dir = temp_dir("cli-keep");
    write(&dir, "s.toml", "schema_version = 1\n[run]\ndraws = 32\n");
    let ok = wardsim()
        .current_dir(&dir)
        .args(["run", "s.toml", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let before = std::fs::read(dir.join("out/s/summary.json")).unwrap();
    write(
        &dir,
        "s.toml",
        "schema_version = 1\n[pool]\nofficers = 3000\n",
    );
    let bad = wardsim()
        .current_dir(&dir)
        .args(["run", "s.toml", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        std::fs::read(dir.join("out/s/summary.json")).unwrap(),
        before
    );
    let stray: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "no staging folders left behind");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn allocate_refuses_to_export_an_lp_the_formula_never_solves() {
    let dir = temp_dir("cli-allocate-formula");
    let lp = dir.join("model.lp");
    let r = wardsim()
        .current_dir(root())
        .args(["allocate", "scenarios/status-quo-2016.toml", "--write-lp"])
        .arg(&lp)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("uses the formula method, which solves no LP")
    );
    assert!(r.stdout.is_empty() && !lp.exists());
}
