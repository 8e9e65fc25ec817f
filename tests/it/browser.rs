//! report.html in a real browser: headless Chromium opens a comparison's report,
//! takes a screenshot and dumps the rendered page. The screenshot must not be
//! blank, and the page must have its title, its charts and its ward map.
//!
//! CI installs Chromium (Debian's `chromium`) and sets WARDSIM_REQUIRE_CHROMIUM,
//! so there the test cannot skip; elsewhere it runs wherever Chromium is found.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::common::{temp_dir, wardsim_ok};
use wardsim::chart::decode_png;

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Some(PathBuf::from(name));
        }
    }
    None
}

/// Runs headless Chromium on `page` with the flags a closed network needs.
fn headless(browser: &Path, profile: &Path, extra: &[String], page: &Path) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1100,3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium starts")
}

#[test]
fn the_comparison_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("WARDSIM_REQUIRE_CHROMIUM").is_none(),
            "WARDSIM_REQUIRE_CHROMIUM is set but no Chromium runs"
        );
        eprintln!("chromium not installed: browser check skipped (CI installs it)");
        return;
    };
    let dir = temp_dir("browser");
    let out = dir.join("cmp");
    wardsim_ok(
        &[
            "compare",
            "scenarios/status-quo-2016.toml",
            "scenarios/two-pcs-per-ward.toml",
            "--draws",
            "64",
            "--quiet",
        ],
        &out,
    );
    let page = out.join("report.html").canonicalize().unwrap();

    let shot = dir.join("shot.png");
    let o = headless(
        &browser,
        &dir.join("profile-shot"),
        &[format!("--screenshot={}", shot.display())],
        &page,
    );
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let (w, h, px) = decode_png(&std::fs::read(&shot).unwrap()).unwrap();
    assert_eq!((w, h), (1100, 3000));
    let pixels = px.len() / 4;
    let inked = px
        .chunks(4)
        .filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200)
        .count();
    let mut colours: Vec<[u8; 3]> = px.chunks(4).map(|p| [p[0], p[1], p[2]]).collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        inked * 20 > pixels,
        "screenshot is nearly blank: {inked} of {pixels} pixels inked"
    );
    assert!(
        colours.len() > 50,
        "screenshot has only {} colours",
        colours.len()
    );

    let o = headless(
        &browser,
        &dir.join("profile-dom"),
        &["--dump-dom".into()],
        &page,
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        dom.contains("<title>Comparison: status-quo-2016 vs two-pcs-per-ward</title>"),
        "title missing from the rendered page"
    );
    assert!(
        dom.contains("id=\"comparison_differences\""),
        "difference chart missing"
    );
    assert!(
        dom.contains("id=\"map_change_i_on_time_two_pcs_per_ward\""),
        "ward map missing"
    );
    assert!(
        dom.contains("id=\"map_change_s_on_time_two_pcs_per_ward\""),
        "S ward map missing"
    );
    assert_eq!(
        dom.matches("class=\"ward\"").count(),
        4 * 629,
        "four change maps of 629 wards each (I, S, cover, ward officers)"
    );
    assert!(dom.contains("Key answers"));
    // The sections this report gained: the headline costs and gains, and what
    // the model leaves out.
    assert!(dom.contains("Worse, largest first"), "headline missing");
    assert!(
        dom.contains("What this model leaves out"),
        "omissions missing"
    );
}
