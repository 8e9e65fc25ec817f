//! Every example scenario loads and runs; the template sets every key to its default.

use super::common::{example, london, root};
use wardsim::model::Metric;
use wardsim::model::Params;
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::plan::Plan;
use wardsim::scenario::DatasetCache;

#[test]
fn every_file_in_scenarios_runs_a_few_draws() {
    let mut cache = DatasetCache::default();
    let mut names: Vec<String> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 7);
    for name in names {
        let text = std::fs::read_to_string(root().join("scenarios").join(&name)).unwrap();
        assert!(
            text.starts_with('#'),
            "{name} opens with a header comment saying what it answers"
        );
        let loaded =
            wardsim::scenario::load_file(&root().join("scenarios").join(&name), &mut cache)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        // Every variant and every sweep point, with few draws.
        for mut s in loaded.scenarios {
            s.params.run.draws = 24;
            s.params.allocation.optimise.in_sample_draws = 8;
            let run = pipeline::run(&s, &NoProgress)
                .unwrap_or_else(|e| panic!("{name} / {}: {e}", s.name));
            assert_eq!(run.results.draws, 24, "{name}");
            assert_eq!(
                run.allocation.total_officers(),
                u64::from(s.params.pool.officers),
                "{name}"
            );
            let on_time = run.summary.london[&Metric::IOnTime].unwrap().mean;
            assert!(on_time > 0.0 && on_time <= 1.0, "{name}: {on_time}");
        }
    }
}

#[test]
fn the_template_sets_every_key_to_its_default() {
    let mut cache = DatasetCache::default();
    let template = example("template.toml", 10_000, &mut cache);
    let minimal = london("schema_version = 1\n", &mut cache);
    assert_eq!(template.params, Params::default());
    assert_eq!(template.params, minimal.params);
    assert_eq!(
        template.hash, minimal.hash,
        "same resolved scenario, same hash"
    );
}

#[test]
fn the_scenario_readme_documents_every_template_key() {
    let readme = std::fs::read_to_string(root().join("scenarios/README.md")).unwrap();
    let template = std::fs::read_to_string(root().join("scenarios/template.toml")).unwrap();
    for line in template.lines() {
        let line = line.trim_start_matches("# ").trim();
        if let Some((key, _)) = line.split_once(" = ")
            && !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            assert!(
                readme.contains(&format!("`{key}`")),
                "scenarios/README.md lacks `{key}`"
            );
        }
    }
}

#[test]
fn the_status_quo_reads_as_the_model_says() {
    let mut cache = DatasetCache::default();
    let s = example("status-quo-2016.toml", 300, &mut cache);
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let a = &run.allocation;
    // 1 DWO per ward and 2 in the 100 highest-harm wards: 629 + 100.
    assert_eq!(a.ward_officers.iter().sum::<u32>(), 729);
    assert_eq!(a.ward_officers.iter().filter(|&&x| x == 2).count(), 100);
    assert!(a.pcsos.iter().all(|&p| p >= 1));
    assert_eq!(a.overhead_officers.len(), 32);
    // Ring-fenced: no ward hours are pulled into response.
    assert_eq!(run.summary.london[&Metric::FlexHours].unwrap().mean, 0.0);
}

#[test]
fn flexible_ward_officers_are_pulled_when_response_is_stretched() {
    let mut cache = DatasetCache::default();
    let text = "schema_version = 1\n[run]\ndraws = 200\n[policy]\nward_officers = 2\nhigh_harm_wards = 0\n[policy.ring_fence]\nenabled = false\n";
    let s = london(text, &mut cache);
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let flex = run.summary.london[&Metric::FlexHours].unwrap();
    assert!(
        flex.mean > 0.0,
        "with flex allowed, busy tours pull ward officers"
    );
    let fenced = london(
        &text.replace("enabled = false", "enabled = true"),
        &mut cache,
    );
    let fenced_run = pipeline::run(&fenced, &NoProgress).unwrap();
    let cover = |r: &pipeline::Run| r.summary.london[&Metric::NeighbourhoodCover].unwrap().mean;
    let s_on = |r: &pipeline::Run| r.summary.london[&Metric::SOnTime].unwrap().mean;
    assert!(
        cover(&run) < cover(&fenced_run),
        "pulled hours are lost to neighbourhood work"
    );
    assert!(s_on(&run) > s_on(&fenced_run), "and help response");
}

#[test]
fn overload_is_reported_as_overload_never_as_nan() {
    let mut cache = DatasetCache::default();
    // Just enough response officers for minimum crews: every unit is swamped.
    let s = london(
        "schema_version = 1\n[run]\ndraws = 64\n[pool]\nofficers = 7000\n",
        &mut cache,
    );
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let overload = run.summary.london[&Metric::OverloadShare].unwrap().mean;
    assert!(overload > 0.5, "{overload}");
    let json = String::from_utf8(wardsim::report::Export::render(
        &wardsim::report::SummaryJson,
        &run.summary,
    ))
    .unwrap();
    assert!(
        !json.contains("NaN") && !json.contains("inf"),
        "outputs carry no NaN or infinity"
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    fn all_finite(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
            serde_json::Value::Array(a) => a.iter().all(all_finite),
            serde_json::Value::Object(o) => o.values().all(all_finite),
            _ => true,
        }
    }
    assert!(all_finite(&v));
}

#[test]
fn a_bigger_pool_never_worsens_response_on_common_draws() {
    let mut cache = DatasetCache::default();
    let mut last = (0.0, 0.0);
    for officers in [14_000, 16_000, 18_000, 20_000] {
        let s = london(
            &format!("schema_version = 1\n[run]\ndraws = 128\n[pool]\nofficers = {officers}\n"),
            &mut cache,
        );
        let run = pipeline::run(&s, &NoProgress).unwrap();
        let i = run.summary.london[&Metric::IOnTime].unwrap().mean;
        let s_on = run.summary.london[&Metric::SOnTime].unwrap().mean;
        assert!(
            i >= last.0 && s_on >= last.1,
            "{officers}: I {i} S {s_on} after {last:?}"
        );
        last = (i, s_on);
    }
}

#[test]
fn merging_boroughs_frees_command_overhead() {
    let mut cache = DatasetCache::default();
    let boroughs = example("two-pcs-per-ward.toml", 20, &mut cache);
    let bcus = example("bcu-2018.toml", 20, &mut cache);
    let a = pipeline::run(&boroughs, &NoProgress).unwrap().allocation;
    let b = pipeline::run(&bcus, &NoProgress).unwrap().allocation;
    assert_eq!(a.overhead_officers.iter().sum::<u32>(), 32 * 30);
    assert_eq!(b.overhead_officers.iter().sum::<u32>(), 12 * 30);
    assert!(b.response_officers.iter().sum::<u32>() > a.response_officers.iter().sum::<u32>());
}

#[test]
fn explicit_groups_merge_only_the_named_boroughs() {
    let mut cache = DatasetCache::default();
    let text = "schema_version = 1\n[run]\ndraws = 64\n[structure]\nunits = \"groups\"\nungrouped = \"separate\"\n\
                [structure.groups]\n\"North West\" = [\"Barnet\", \"Brent\", \"Harrow\"]\n";
    let s = london(text, &mut cache);
    assert_eq!(
        s.structure.units.len(),
        30,
        "one merged unit plus 29 borough commands"
    );
    let nw = s
        .structure
        .units
        .iter()
        .find(|u| u.name == "North West")
        .unwrap();
    assert_eq!(nw.boroughs.len(), 3);
    assert_eq!(
        nw.bases.len(),
        3,
        "one response base per borough by default"
    );
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let row = run
        .summary
        .units
        .iter()
        .find(|u| u.command_unit == "North West")
        .unwrap();
    assert!(row.metrics[&Metric::IOnTime].is_some());
}

#[test]
fn a_hub_replaces_the_borough_bases_and_lengthens_travel() {
    let mut cache = DatasetCache::default();
    let base = "schema_version = 1\n[run]\ndraws = 64\n[structure]\nunits = \"bcu2018\"\n";
    let bases = london(base, &mut cache);
    let hub = london(
        &format!("{base}[structure.hubs]\n\"North West\" = \"Brent\"\n"),
        &mut cache,
    );
    let nw = |s: &wardsim::model::Scenario| {
        s.structure
            .units
            .iter()
            .position(|u| u.name == "North West")
            .unwrap()
    };
    assert_eq!(hub.structure.units[nw(&hub)].bases.len(), 1);
    let (p_bases, p_hub) = (Plan::new(&bases), Plan::new(&hub));
    let harrow_wards =
        &p_bases.borough_wards[bases.dataset.borough_by_name_or_code("Harrow").unwrap().0];
    let mean = |p: &Plan| {
        harrow_wards
            .iter()
            .map(|&w| p.wards[w].travel_own)
            .sum::<f64>()
            / harrow_wards.len() as f64
    };
    assert!(
        mean(&p_hub) > mean(&p_bases) + 2.0,
        "Harrow is served from Brent: {} vs {}",
        mean(&p_hub),
        mean(&p_bases)
    );
    assert!(
        p_hub.wards[harrow_wards[0]].travel_alt.is_none(),
        "one base: calls queue, no other base"
    );
}

#[test]
fn the_p90_response_time_agrees_with_the_on_time_share() {
    // More than 90% on time within 15 minutes means P90 under 15, and the reverse.
    let mut cache = DatasetCache::default();
    for (file, _) in [("status-quo-2016.toml", ()), ("bcu-2018.toml", ())] {
        let s = example(file, 200, &mut cache);
        let run = pipeline::run(&s, &NoProgress).unwrap();
        let on = run.summary.london[&Metric::IOnTime].unwrap().mean;
        let p90 = run.summary.london[&Metric::IP90ResponseMinutes]
            .unwrap()
            .mean;
        assert_eq!(on > 0.905, p90 < 15.0, "{file}: on time {on}, P90 {p90}");
    }
}

#[test]
fn what_the_model_leaves_out_follows_the_scenario() {
    let mut cache = DatasetCache::default();
    let base = "schema_version = 1\n[run]\ndraws = 4\n";
    let plain = pipeline::run(&london(base, &mut cache), &NoProgress).unwrap();
    let text = format!(
        "{base}[response]\nspeed_kmh = 35.0\n[surge]\nevents_per_week = 0.0\n[dispatch]\nchannels = \"per_unit\"\n"
    );
    let other = pipeline::run(&london(&text, &mut cache), &NoProgress).unwrap();
    let said = |r: &pipeline::Run| r.summary.leaves_out.join(" ");
    assert!(said(&plain).contains("at 30 km/h") && said(&other).contains("at 35 km/h"));
    assert!(said(&plain).contains("Major events are anonymous lumps"));
    assert!(said(&other).contains("No major events are drawn"));
    assert!(said(&plain).contains("one radio channel per borough"));
    assert!(said(&other).contains("one radio channel per command unit"));
}

#[test]
fn every_interval_stays_inside_its_metrics_range() {
    // Heavy-tailed weeks (a surge, an overload) make a normal interval of a
    // mean overrun: no negative hours or minutes, no share above 1.
    let mut cache = DatasetCache::default();
    let s = example("pool-30000.toml", 24, &mut cache);
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let sm = &run.summary;
    let check = |m: Metric, e: &Option<wardsim::stats::Estimate>| {
        if let Some(e) = e {
            let (lo, hi) = m.range();
            assert!(e.ci95_low >= lo && e.ci95_high <= hi, "{m}: {e:?}");
        }
    };
    for (m, e) in &sm.london {
        check(*m, e);
    }
    for u in &sm.units {
        for (m, e) in &u.metrics {
            check(*m, e);
        }
    }
    for w in &sm.wards {
        for (m, e) in wardsim::model::metric::WARD.metrics.iter().zip(&w.metrics) {
            check(*m, e);
        }
    }
}
