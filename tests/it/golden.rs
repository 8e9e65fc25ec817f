//! A golden summary of a small seeded London run. It changes only on purpose:
//! rerun with `WARDSIM_UPDATE_GOLDEN=1 cargo test golden` and say why in the commit.

use super::common::{example, root};
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::report::{Export, SummaryJson};
use wardsim::scenario::DatasetCache;

#[test]
fn golden_summary_of_a_seeded_status_quo_run() {
    let mut cache = DatasetCache::default();
    let mut s = example("status-quo-2016.toml", 300, &mut cache);
    s.file = "scenarios/status-quo-2016.toml".into();
    let run = pipeline::run(&s, &NoProgress).unwrap();
    let got = String::from_utf8(SummaryJson.render(&run.summary)).unwrap();
    let path = root().join("tests/golden/status-quo-2016-300-draws.json");
    if std::env::var_os("WARDSIM_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .expect("golden file; create it with WARDSIM_UPDATE_GOLDEN=1");
    assert!(
        got == want,
        "summary.json changed; if on purpose, update the golden file and say why"
    );
}
