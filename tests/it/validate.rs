//! `wardsim validate`: the shipped backtests run end to end and report every
//! check of the published table with a verdict; the same on any thread count;
//! the shipped folder is exactly what the binary embeds; a bad table is bad
//! input with its line and column.

use super::common::{assert_ok, root, temp_dir, wardsim, write};
use wardsim::validation::Backtests;

fn published_rows() -> usize {
    let text = std::fs::read_to_string(root().join("validation/published.csv")).unwrap();
    csv::Reader::from_reader(text.as_bytes()).records().count()
}

#[test]
fn the_shipped_backtests_run_and_report_every_check() {
    let out = temp_dir("validate");
    let r = wardsim()
        .current_dir(root())
        .args(["validate", "--draws", "24", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_ok(&r);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(stdout.contains("checks pass"), "{stdout}");
    for backtest in [
        "calibration-2014",
        "pool-2017",
        "pool-2018",
        "central-north-2017",
        "face-validity",
    ] {
        assert!(stdout.contains(&format!("{backtest}:")), "{backtest}");
        let chart = format!("charts/backtest_{}", backtest.replace('-', "_"));
        for ext in ["svg", "png"] {
            assert!(
                out.join(format!("{chart}.{ext}")).is_file(),
                "{chart}.{ext}"
            );
        }
    }
    let mut csv = csv::Reader::from_path(out.join("validation.csv")).unwrap();
    let headers = csv.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), published_rows(), "a row per published check");
    let verdicts = [
        "fits",
        "misfit",
        "sign right, size off",
        "wrong sign",
        "no change beyond noise",
        "holds",
        "fails",
    ];
    for row in &rows {
        assert!(verdicts.contains(&&row[at("verdict")]), "{row:?}");
        assert!(!row[at("model")].is_empty(), "{row:?}");
        assert!(!row[at("source")].is_empty(), "{row:?}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("validation.json")).unwrap()).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), rows.len());
    assert!(json["scenarios"].as_array().unwrap().len() >= 9);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Backtests against London") && html.contains("<svg"));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn backtests_are_the_same_on_any_thread_count() {
    let out = temp_dir("validate-threads");
    let mut files = Vec::new();
    for threads in ["1", "2"] {
        let dir = out.join(threads);
        let r = wardsim()
            .current_dir(root())
            .args([
                "validate",
                "--draws",
                "16",
                "--no-charts",
                "-q",
                "--threads",
            ])
            .arg(threads)
            .arg("--out")
            .arg(&dir)
            .output()
            .unwrap();
        assert_ok(&r);
        files.push(std::fs::read(dir.join("validation.csv")).unwrap());
    }
    assert!(files[0] == files[1], "validation.csv differs with threads");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_shipped_folder_is_what_the_binary_embeds() {
    let shipped = Backtests::load(&root().join("validation")).unwrap();
    let embedded = Backtests::embedded();
    assert_eq!(shipped.published, embedded.published);
    assert_eq!(
        shipped.files, embedded.files,
        "every scenario in validation/ is embedded"
    );
}

#[test]
fn a_bad_published_table_is_bad_input_with_its_line_and_column() {
    let dir = temp_dir("validate-bad");
    for entry in std::fs::read_dir(root().join("validation")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name == "published.csv" {
            // Line 3: an unknown metric; line 4: an unknown rule.
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            lines[2] = lines[2].replacen("officers_per_1000", "officers_per_100", 1);
            lines[3] = lines[3].replacen(",within,", ",roughly,", 1);
            text = lines.join("\n") + "\n";
        }
        write(&dir, &name, &text);
    }
    let r = wardsim()
        .current_dir(root())
        .arg("validate")
        .arg(&dir)
        .args(["--draws", "16", "--out"])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("published.csv:3") && err.contains("officers_per_100"),
        "{err}"
    );
    assert!(
        err.contains("published.csv:4") && err.contains("roughly"),
        "{err}"
    );
    assert!(!dir.join("out").exists(), "nothing written");
    let _ = std::fs::remove_dir_all(&dir);
}
