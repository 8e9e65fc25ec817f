//! A sweep's data files: sweep.csv and sweep.json.

use crate::report::csv::{estimate_cells, estimate_headers, finish, writer};
use crate::report::sweep::SweepTable;
use crate::report::sweep::table::METRICS;

/// sweep.json: the whole table.
pub fn sweep_json(t: &SweepTable) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(t).expect("plain data");
    v.push(b'\n');
    v
}

/// sweep.csv: a row per point, its key London metrics with their CIs.
pub fn sweep_csv(t: &SweepTable) -> Vec<u8> {
    let mut w = writer();
    let mut header = vec!["scenario".to_string(), t.parameter.clone()];
    if let Some(b) = &t.by {
        header.push(b.clone());
    }
    header.extend(["response_officers".into(), "ward_officers".into()]);
    for m in METRICS {
        header.extend(estimate_headers(m.key(), false));
    }
    w.write_record(&header).expect("memory");
    for r in &t.rows {
        let mut row = vec![r.scenario.clone(), r.value.clone()];
        if t.by.is_some() {
            row.push(r.by.clone().unwrap_or_default());
        }
        row.extend([r.response_officers.to_string(), r.ward_officers.to_string()]);
        for m in METRICS {
            row.extend(estimate_cells(&r.metrics[&m], false));
        }
        w.write_record(&row).expect("memory");
    }
    finish(w)
}
