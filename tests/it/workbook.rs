//! results.xlsx: a run's and a comparison's tables as one workbook, opened with
//! a real reader (Python's openpyxl) where one is installed; CI installs it and
//! sets WARDSIM_REQUIRE_OPENPYXL so the check cannot be skipped there.

use super::common::{temp_dir, wardsim_ok};

/// What openpyxl must find: sheets, frozen header rows, units in headers and
/// numbers stored as numbers.
const CHECK: &str = r#"
import sys, openpyxl
run = openpyxl.load_workbook(sys.argv[1])
assert run.sheetnames == ["summary", "wards", "boroughs", "units", "allocation"], run.sheetnames
wards = run["wards"]
assert wards.max_row == 630, wards.max_row
for ws in run.worksheets:
    assert ws.freeze_panes == "A2", (ws.title, ws.freeze_panes)
heads = [c.value for c in wards[1]]
assert "i_on_time_mean (share, 0 to 1)" in heads, heads
assert "s_response_minutes_mean (minutes)" in heads, heads
col = heads.index("i_on_time_mean (share, 0 to 1)") + 1
values = [wards.cell(row=r, column=col).value for r in range(2, 631)]
assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in values), values[:5]
cmp = openpyxl.load_workbook(sys.argv[2])
assert cmp.sheetnames == ["differences", "wards", "boroughs"], cmp.sheetnames
heads = [c.value for c in cmp["wards"][1]]
assert heads[heads.index("metric") + 1] == "unit", heads
print("ok")
"#;

fn interpreter() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|p| {
        std::process::Command::new(p)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn the_workbook_opens_in_a_real_reader_with_its_sheets_and_units() {
    let out = temp_dir("workbook");
    wardsim_ok(
        &[
            "compare",
            "scenarios/status-quo-2016.toml",
            "scenarios/two-pcs-per-ward.toml",
            "--draws",
            "8",
            "--no-charts",
            "--quiet",
        ],
        &out,
    );
    let (run, cmp) = (
        out.join("status-quo-2016/results.xlsx"),
        out.join("results.xlsx"),
    );
    for f in [&run, &cmp] {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            bytes.starts_with(b"PK"),
            "an xlsx is a zip: {}",
            f.display()
        );
    }
    match interpreter() {
        Some(python) => {
            let r = std::process::Command::new(python)
                .args(["-c", CHECK])
                .arg(&run)
                .arg(&cmp)
                .output()
                .unwrap();
            assert!(
                r.status.success(),
                "{}{}",
                String::from_utf8_lossy(&r.stdout),
                String::from_utf8_lossy(&r.stderr)
            );
        }
        None => {
            assert!(
                std::env::var_os("WARDSIM_REQUIRE_OPENPYXL").is_none(),
                "WARDSIM_REQUIRE_OPENPYXL is set but no python3 with openpyxl runs"
            );
            eprintln!("openpyxl not installed: results.xlsx checked as a zip only");
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}
