//! Comparisons: paired differences under common random numbers.

use super::common::{example, root, temp_dir, wardsim};
use wardsim::model::Metric;
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::scenario::DatasetCache;

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let mut cache = DatasetCache::default();
    let a = example("status-quo-2016.toml", 300, &mut cache);
    let mut b = a.clone();
    b.name = "copy".into();
    let run = pipeline::compare(&[a, b], &NoProgress).unwrap();
    for row in &run.comparison.rows {
        let d = row.differences[1].as_ref().unwrap();
        assert_eq!(d.mean, 0.0, "{}", row.metric);
        assert_eq!(d.standard_error, 0.0, "{}", row.metric);
        assert!(d.within_noise, "{}", row.metric);
    }
    assert!(
        run.comparison
            .boroughs
            .iter()
            .all(|a| a.difference.mean == 0.0)
    );
    assert!(
        run.comparison
            .wards
            .iter()
            .all(|a| a.difference.mean == 0.0)
    );
}

#[test]
fn common_random_numbers_make_the_paired_interval_narrower_than_the_unpaired() {
    let mut cache = DatasetCache::default();
    let a = example("status-quo-2016.toml", 600, &mut cache);
    let b = example("two-pcs-per-ward.toml", 600, &mut cache);
    let run = pipeline::compare(&[a, b], &NoProgress).unwrap();
    for metric in [
        Metric::IOnTime,
        Metric::SOnTime,
        Metric::Utilisation,
        Metric::NeighbourhoodCover,
    ] {
        let row = run.comparison.rows.iter().find(|r| r.of == metric).unwrap();
        let d = row.differences[1].unwrap();
        // Response metrics share the weeks' demand most; cover still gains.
        let factor = if metric == Metric::NeighbourhoodCover {
            0.9
        } else {
            0.5
        };
        assert!(
            d.standard_error < factor * d.unpaired_standard_error,
            "{metric}: paired {} vs unpaired {}",
            d.standard_error,
            d.unpaired_standard_error
        );
        assert!(!d.within_noise, "{metric}: the two-PCs policy changes it");
    }
    // Every row the comparison promises is there.
    let metrics: Vec<&str> = run.comparison.rows.iter().map(|r| r.metric).collect();
    for m in [
        "i_on_time",
        "s_on_time",
        "i_p90_response_minutes",
        "utilisation",
        "overload_share",
        "unmet_response_hours",
        "unmet_neighbourhood_hours",
        "neighbourhood_cover",
        "officers_per_1000_lowest",
        "officers_per_1000_highest",
    ] {
        assert!(metrics.contains(&m), "comparison lacks {m}");
    }
    // The policy costs S-grade response and buys neighbourhood cover.
    let diff = |m: &str| {
        run.comparison
            .rows
            .iter()
            .find(|r| r.metric == m)
            .unwrap()
            .differences[1]
            .unwrap()
            .mean
    };
    assert!(diff("s_on_time") < 0.0 && diff("neighbourhood_cover") > 0.0);
}

#[test]
fn compare_paired_runs_match_separate_runs() {
    // Side by side or alone, a scenario sees the same weeks: same summary.
    let mut cache = DatasetCache::default();
    let a = example("status-quo-2016.toml", 300, &mut cache);
    let b = example("bcu-2018.toml", 300, &mut cache);
    let together = pipeline::compare(&[a.clone(), b.clone()], &NoProgress).unwrap();
    let alone = pipeline::run(&b, &NoProgress).unwrap();
    assert_eq!(together.runs[1].results, alone.results);
}

#[test]
fn the_compare_command_writes_its_tables() {
    let out = temp_dir("compare-cli");
    let r = wardsim()
        .current_dir(root())
        .args([
            "compare",
            "scenarios/status-quo-2016.toml",
            "scenarios/bcu-2018.toml",
            "--draws",
            "256",
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
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(
        text.contains("vs status-quo-2016")
            && text.contains("boroughs in I calls on time:")
            && text.contains("boroughs in S calls on time:")
            && text.contains("lose most"),
        "{text}"
    );
    let md = std::fs::read_to_string(out.join("comparison.md")).unwrap();
    assert!(
        md.contains("| London, per week | status-quo-2016 | bcu-2018 |"),
        "{md}"
    );
    assert!(md.contains("| I calls on time (15 min target) |"), "{md}");
    // The headline says every headline figure that moved, costs and gains apart,
    // the largest against its own level first: the BCUs cost S more than I.
    let worse = text
        .find("Worse, largest first")
        .expect("a headline of costs");
    let better = text.find("Better, largest first").unwrap_or(text.len());
    let s_at = text[worse..].find("S calls on time").map(|i| i + worse);
    let i_at = text[worse..].find("I calls on time").map(|i| i + worse);
    assert!(
        matches!((s_at, i_at), (Some(s), Some(i)) if s < i && i < better),
        "{text}"
    );
    for f in [
        "comparison.csv",
        "comparison.json",
        "wards_diff.csv",
        "boroughs_diff.csv",
        "bcu-2018/summary.json",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let wards = std::fs::read_to_string(out.join("wards_diff.csv")).unwrap();
    assert_eq!(
        wards.lines().count(),
        1 + 629 * 9,
        "a row per ward and ward metric"
    );
    let one = wardsim()
        .args(["compare", "scenarios/bcu-2018.toml"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(one.status.code(), Some(2));
    std::fs::remove_dir_all(out).unwrap();
}
