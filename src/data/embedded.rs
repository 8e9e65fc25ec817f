//! The London 2014 dataset, compiled into the binary so it runs from any folder.
//! Provenance and licence: `data/london/PROVENANCE.md`.

use super::error::DataErrors;
use super::load::load_sources;
use super::sources::Sources;
use crate::model::Dataset;

/// The name of the embedded London dataset, as `dataset = "london-2014"` names it.
pub const LONDON_NAME: &str = "london-2014";

const WARDS: &str = include_str!("../../data/london/wards.csv");
const BOROUGHS: &str = include_str!("../../data/london/boroughs.csv");
const BCUS: &str = include_str!("../../data/london/bcus.csv");
const ADJACENCY: &str = include_str!("../../data/london/ward_adjacency.csv");
const MONTHLY: &str = include_str!("../../data/london/ward_crime_monthly_201703_201902.csv");

/// Parses the embedded London tables. They are checked in the tests, so an error
/// here means the build is broken, and is still reported, not panicked on.
pub fn london() -> Result<Dataset, DataErrors> {
    let sources = Sources {
        name: LONDON_NAME.to_string(),
        wards: ("wards.csv".into(), WARDS.to_string()),
        boroughs: ("boroughs.csv".into(), BOROUGHS.to_string()),
        bcus: Some(("bcus.csv".into(), BCUS.to_string())),
        adjacency: Some(("ward_adjacency.csv".into(), ADJACENCY.to_string())),
        monthly: (
            "ward_crime_monthly_201703_201902.csv".into(),
            MONTHLY.to_string(),
        ),
        vintage: Some(
            "London wards of May 2014 (629, City excluded); population ONS mid-2019 (LSOA-apportioned); \
             recorded crime MPS 2017-03..2019-02; BCUs of 2018-19"
                .to_string(),
        ),
    };
    load_sources(sources)
}
