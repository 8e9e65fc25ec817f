//! Inputs the documentation allows must run or be refused in words, never
//! panic: one regression test per failure found.

use super::common::{temp_dir, wardsim, write};

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
    let out = dir.join("out");
    let r = wardsim()
        .current_dir(&dir)
        .args([
            "run",
            "tiny.toml",
            "--draws",
            "16",
            "--quiet",
            "--no-charts",
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
    let summary = std::fs::read_to_string(out.join("tiny/summary.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&summary).unwrap();
    let i = v["london"]["i_on_time"]["mean"].as_f64().unwrap();
    assert!(i > 0.0 && i <= 1.0, "I on-time {i}");
}
