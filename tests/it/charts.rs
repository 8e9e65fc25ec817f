//! Pictures: the London map's shapes and legend, the chart set of a run, a
//! comparison and a sweep, their PNGs, report.html, and `--no-charts`.

use super::common::{example, root, temp_dir, wardsim_ok};
use wardsim::chart::{AreaValue, MapSpec, Measure, decode_png, rasterise, ward_map};
use wardsim::data::{self, boundaries};
use wardsim::model::Metric;
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::report::{self, run_charts};
use wardsim::scenario::{DatasetCache, load_file};

#[test]
fn the_embedded_outlines_are_the_datasets_629_wards_and_32_boroughs() {
    let ds = data::london().unwrap();
    let b = boundaries(&ds).expect("London has outlines").unwrap();
    assert_eq!(b.wards.len(), 629);
    assert_eq!(b.boroughs.len(), 32);
    let mut codes: Vec<&str> = b.wards.iter().map(|s| s.code.as_str()).collect();
    let mut expected: Vec<&str> = ds.wards.iter().map(|w| w.code.as_str()).collect();
    codes.sort();
    expected.sort();
    assert_eq!(codes, expected);
    for s in &b.boroughs {
        assert!(
            ds.boroughs
                .iter()
                .any(|x| x.code == s.code && x.name == s.name),
            "{}",
            s.code
        );
    }
}

#[test]
fn a_run_draws_a_map_of_every_ward_with_a_legend_spanning_the_data() {
    let mut cache = DatasetCache::default();
    let s = example("bcu-2018.toml", 64, &mut cache);
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let b = boundaries(&s.dataset).unwrap().unwrap();
    let charts = run_charts(&run.summary, Some(&b));
    let names: Vec<&str> = charts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "i_on_time_distribution",
            "map_i_on_time",
            "map_s_on_time",
            "map_neighbourhood_cover",
            "map_ward_officers_per_1000",
            "unit_utilisation",
            "officers_per_1000_by_borough"
        ]
    );
    let map = &charts[1].figure;
    assert_eq!(map.count_class("ward"), 629);
    assert_eq!(map.to_svg().matches("class=\"ward\"").count(), 629);
    assert_eq!(map.count_class("borough-outline"), 1);
    // Twelve BCUs merge boroughs, so their outlines are drawn.
    assert_eq!(map.count_class("unit-outline"), 1);
    for name in ["Harrow", "Barnet", "Westminster", "K&C"] {
        assert!(map.texts().contains(&name), "{name} label missing");
    }
    // The legend of the I on-time map runs from the lowest ward mean to the highest.
    let means: Vec<f64> = run
        .summary
        .wards
        .iter()
        .filter_map(|w| w.metrics[0].map(|e| e.mean))
        .collect();
    let values = run
        .summary
        .wards
        .iter()
        .zip(&means)
        .map(|(w, &m)| AreaValue {
            code: w.ward_code.clone(),
            value: Some(m),
            within_noise: false,
            tip: String::new(),
        })
        .collect();
    let drawn = ward_map(
        &b,
        &MapSpec {
            id: "m".into(),
            title: "t".into(),
            subtitle: String::new(),
            legend_title: "I on time".into(),
            measure: Measure::Share,
            change: false,
            higher_is_better: true,
            wards: values,
            units: vec![],
            attribution: String::new(),
        },
    );
    let lo = means.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = means.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    assert_eq!((drawn.legend.lo, drawn.legend.hi), (lo, hi));
    assert!(drawn.unmatched.is_empty());
    assert_eq!(
        drawn.figure.count_class("unit-outline"),
        0,
        "no units given, none drawn"
    );
    // Utilisation: one bar per command unit, each with its CI.
    assert_eq!(charts[5].figure.count_class("bar"), 12);
    assert_eq!(charts[5].figure.count_class("ci"), 12);
    // Officers per 1,000: one bar per borough, largest first.
    assert_eq!(charts[6].figure.count_class("bar"), 32);
    // The distribution holds every draw, and marks the 90% target.
    let counted: u64 = run.summary.i_on_time_distribution.iter().map(|b| b.1).sum();
    assert_eq!(counted, run.summary.london[&Metric::IOnTime].unwrap().draws);
    assert!(charts[0].figure.texts().contains(&"90% target"));
}

#[test]
fn every_chart_rasterises_to_a_png_that_is_not_blank() {
    let mut cache = DatasetCache::default();
    let s = example("status-quo-2016.toml", 32, &mut cache);
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let b = boundaries(&s.dataset).unwrap().unwrap();
    for c in run_charts(&run.summary, Some(&b)) {
        let png = rasterise(&c.figure.to_svg(), 1.0).unwrap();
        let (w, h, px) = decode_png(&png).unwrap();
        assert_eq!(
            (w as f64, h as f64),
            (c.figure.width.ceil(), c.figure.height.ceil())
        );
        let inked = px
            .chunks(4)
            .filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200)
            .count();
        assert!(inked * 50 > px.len() / 4, "{} is nearly blank", c.name);
    }
}

#[test]
fn a_comparison_maps_each_wards_change_and_hatches_what_is_noise() {
    let mut cache = DatasetCache::default();
    let a = example("status-quo-2016.toml", 64, &mut cache);
    let b = example("two-pcs-per-ward.toml", 64, &mut cache);
    let run = pipeline::compare(&[a.clone(), b], &NoProgress).unwrap();
    let outlines = boundaries(&a.dataset).unwrap().unwrap();
    let summaries: Vec<&report::Summary> = run.runs.iter().map(|r| &r.summary).collect();
    let charts = report::compare::compare_charts(&run.comparison, &summaries, Some(&outlines));
    let map = charts
        .iter()
        .find(|c| c.name == "map_change_i_on_time_two_pcs_per_ward")
        .expect("a change map");
    assert_eq!(map.figure.count_class("ward"), 629);
    let noisy = run
        .comparison
        .wards
        .iter()
        .filter(|w| w.metric == Metric::IOnTime && w.difference.within_noise)
        .count();
    assert_eq!(
        map.figure.count_class("within-noise"),
        usize::from(noisy > 0)
    );
    assert!(
        map.caption
            .contains(&format!("{noisy} cannot be told from noise")),
        "{}",
        map.caption
    );
    let bars = &charts[0];
    assert_eq!(bars.name, "comparison_differences");
    assert!(bars.figure.count_class("bar") >= 6);
    assert!(
        charts
            .iter()
            .any(|c| c.name == "borough_changes_two_pcs_per_ward")
    );
    let html = report::compare::compare_report(&run.comparison, &summaries, &charts);
    assert!(html.contains("<title>Comparison: status-quo-2016 vs two-pcs-per-ward</title>"));
    assert_eq!(html.matches("<svg ").count(), charts.len());
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "report.html must not fetch anything"
    );
}

#[test]
fn a_sweep_draws_its_lines_with_bands_and_the_crossing() {
    let mut cache = DatasetCache::default();
    let loaded = load_file(
        &root().join("scenarios/sweep-pool-two-pcs.toml"),
        &mut cache,
    )
    .unwrap();
    let sweep = loaded.sweep.clone().unwrap();
    let mut points: Vec<_> = loaded.scenarios.into_iter().step_by(4).collect();
    for p in &mut points {
        p.params.run.draws = 32;
    }
    let mut sw = sweep.clone();
    sw.values = sw.values.into_iter().step_by(4).collect();
    let run = pipeline::sweep(&points, &sw, 1, &NoProgress).unwrap();
    let charts = report::sweep::sweep_charts(&run.table);
    let first = &charts[0];
    assert_eq!(first.name, "sweep_i_on_time");
    assert_eq!(first.figure.count_class("ci-band"), 1);
    assert_eq!(first.figure.count_class("point"), points.len());
    assert_eq!(first.figure.count_class("target"), 1);
    assert_eq!(
        first.figure.count_class("crossing"),
        usize::from(run.table.crossings[0].estimate.is_some())
    );
}

#[test]
fn run_writes_report_and_charts_unless_told_not_to() {
    let out = temp_dir("charts-cli");
    let go = |extra: &[&str]| {
        let mut args = vec![
            "run",
            "scenarios/two-pcs-per-ward.toml",
            "--draws",
            "32",
            "--quiet",
        ];
        args.extend_from_slice(extra);
        wardsim_ok(&args, &out);
    };
    go(&[]);
    let dir = out.join("two-pcs-per-ward");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<title>wardsim report: two-pcs-per-ward</title>"));
    for stem in [
        "map_i_on_time",
        "i_on_time_distribution",
        "officers_per_1000_by_borough",
    ] {
        for ext in ["svg", "png"] {
            assert!(
                dir.join(format!("charts/{stem}.{ext}")).is_file(),
                "{stem}.{ext}"
            );
        }
        assert!(html.contains(&format!("charts/{stem}.png")));
    }
    // What the model leaves out, said from this scenario's own settings.
    assert!(html.contains("What this model leaves out"));
    assert!(
        html.contains("at 30 km/h") && html.contains("482,255 I"),
        "{html}"
    );
    assert!(html.contains("narrows with more draws"));
    go(&["--no-charts"]);
    assert!(!dir.join("charts").exists());
    assert!(!dir.join("report.html").exists());
    assert!(dir.join("summary.json").is_file());
}

/// Tick labels of one SVG: (x, y, label, anchor) of every `class="tick"` text.
fn tick_labels(svg: &str) -> Vec<(String, String, String, String)> {
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        tag.find(&key).map(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
    };
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (tag, rest) = t.split_once('>')?;
            if !tag.contains("class=\"tick\"") {
                return None;
            }
            let label = rest.split_once("</text>")?.0.to_string();
            let tag = format!(" {tag}");
            Some((
                attr(&tag, "x")?,
                attr(&tag, "y")?,
                label,
                attr(&tag, "text-anchor").unwrap_or_default(),
            ))
        })
        .collect()
}

/// A tick label as a number: "+2.5" → 2.5, "87.5%" → 87.5, "1,000" → 1000.
fn tick_value(label: &str) -> Option<f64> {
    let clean: String = label
        .chars()
        .filter(|c| !matches!(c, ',' | '%' | '+'))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    clean.trim().parse().ok()
}

#[test]
fn every_axis_labels_its_ticks_exactly() {
    // Ticks are evenly spaced, so their labels must be too: a label rounded
    // too far (0.25 printed as 0.2, 2.5 as 2) breaks the spacing.
    let mut cache = DatasetCache::default();
    let a = example("status-quo-2016.toml", 32, &mut cache);
    let b = example("bcu-2018.toml", 32, &mut cache);
    let outlines = boundaries(&a.dataset).unwrap().unwrap();
    let run = pipeline::compare(&[a.clone(), b], &NoProgress).unwrap();
    let summaries: Vec<&report::Summary> = run.runs.iter().map(|r| &r.summary).collect();
    let mut charts = report::compare::compare_charts(&run.comparison, &summaries, Some(&outlines));
    for r in &run.runs {
        charts.extend(run_charts(&r.summary, Some(&outlines)));
    }
    let mut axes = 0;
    for c in &charts {
        let ticks = tick_labels(&c.figure.to_svg());
        // Labels along one axis share a row (x axis, centred under their
        // ticks) or a column (y axis, ending at the axis).
        let mut groups: std::collections::BTreeMap<(bool, String), Vec<(f64, f64)>> =
            Default::default();
        for (x, y, label, anchor) in &ticks {
            let Some(v) = tick_value(label) else { continue };
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            if anchor == "end" {
                groups
                    .entry((false, format!("x {x}")))
                    .or_default()
                    .push((-y, v));
            } else {
                groups
                    .entry((true, format!("y {y}")))
                    .or_default()
                    .push((x, v));
            }
        }
        for ((_, at), mut g) in groups {
            if g.len() < 3 {
                continue;
            }
            g.sort_by(|p, q| p.0.total_cmp(&q.0));
            let steps: Vec<f64> = g.windows(2).map(|w| w[1].1 - w[0].1).collect();
            let first = steps[0];
            assert!(
                first != 0.0
                    && steps
                        .iter()
                        .all(|s| (s - first).abs() <= 1e-9 * first.abs().max(1.0)),
                "{}: ticks at {at} read {:?}",
                c.name,
                g.iter().map(|p| p.1).collect::<Vec<_>>()
            );
            axes += 1;
        }
    }
    assert!(axes >= 5, "only {axes} axes checked");
}

/// Every ring of a GeoJSON geometry.
fn rings(g: &serde_json::Value) -> Vec<Vec<[f64; 2]>> {
    let polys: Vec<&serde_json::Value> = match g["type"].as_str() {
        Some("Polygon") => vec![&g["coordinates"]],
        _ => g["coordinates"].as_array().unwrap().iter().collect(),
    };
    polys
        .iter()
        .flat_map(|p| p.as_array().unwrap().iter())
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()])
                .collect()
        })
        .collect()
}

#[test]
fn runs_and_comparisons_write_geojson_in_wgs84_as_rfc_7946_asks() {
    let out = temp_dir("geojson");
    wardsim_ok(
        &[
            "compare",
            "scenarios/status-quo-2016.toml",
            "scenarios/two-pcs-per-ward.toml",
            "--draws",
            "16",
            "--no-charts",
            "--quiet",
        ],
        &out,
    );
    let read = |p: std::path::PathBuf| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
    };
    for (file, n, key) in [
        ("status-quo-2016/wards.geojson", 629, "i_on_time_mean"),
        ("status-quo-2016/boroughs.geojson", 32, "officers_per_1000"),
        (
            "wards.geojson",
            629,
            "i_on_time_change_two-pcs-per-ward_mean",
        ),
        (
            "boroughs.geojson",
            32,
            "s_on_time_change_two-pcs-per-ward_ci95_low",
        ),
    ] {
        let fc = read(out.join(file));
        assert_eq!(fc["type"], "FeatureCollection");
        assert!(fc.get("crs").is_none(), "RFC 7946 has no crs member");
        let features = fc["features"].as_array().unwrap();
        assert_eq!(features.len(), n, "{file}");
        for f in features {
            assert!(f["properties"][key].is_number(), "{file}: {key}");
            for r in rings(&f["geometry"]) {
                assert!(r.len() >= 4 && r.first() == r.last(), "{file}: closed ring");
                // Longitude then latitude, inside Greater London.
                for [lon, lat] in &r {
                    assert!((-0.6..0.4).contains(lon) && (51.2..51.8).contains(lat));
                }
                // Counter-clockwise exterior (the right-hand rule).
                let twice: f64 = r
                    .windows(2)
                    .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
                    .sum();
                assert!(twice > 0.0, "{file}: clockwise ring");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}
