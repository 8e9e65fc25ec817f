//! `summary.json`: every estimate with provenance.

use super::{Export, Summary};

pub struct SummaryJson;

impl Export for SummaryJson {
    fn file_name(&self) -> &'static str {
        "summary.json"
    }

    fn render(&self, summary: &Summary) -> Vec<u8> {
        let mut out =
            serde_json::to_vec_pretty(summary).expect("summary holds only finite plain data");
        out.push(b'\n');
        out
    }
}
