//! Wards, boroughs and the dataset that holds them.
//!
//! Plain data only: loading and validation live in `data`.

/// The 11 Metropolitan Police major crime categories, in the column order of
/// `wards.csv` (`crime_2018_<category>`).
pub const CRIME_CATEGORIES: [&str; 11] = [
    "violence_against_the_person",
    "sexual_offences",
    "robbery",
    "burglary",
    "theft",
    "vehicle_offences",
    "arson_and_criminal_damage",
    "drug_offences",
    "possession_of_weapons",
    "public_order_offences",
    "misc_crimes_against_society",
];

/// Index of a ward in `Dataset::wards`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WardId(pub usize);

/// Index of a borough in `Dataset::boroughs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BoroughId(pub usize);

/// One ward: its codes, borough, population, area, recorded crime and centroid.
#[derive(Debug, Clone)]
pub struct Ward {
    pub code: String,
    pub name: String,
    pub borough: BoroughId,
    /// Land area (total minus tidal water), hectares.
    pub land_area_ha: f64,
    /// Area centroid, British National Grid metres.
    pub easting: f64,
    pub northing: f64,
    pub population: f64,
    /// Recorded crime in 2018 by category, in `CRIME_CATEGORIES` order.
    pub crime_2018: [f64; 11],
}

impl Ward {
    /// Recorded crime of 2018 in all categories.
    pub fn crime_2018_total(&self) -> f64 {
        self.crime_2018.iter().sum()
    }
}

/// One borough: its code, name, wards, population and 2018-19 BCU.
#[derive(Debug, Clone)]
pub struct Borough {
    pub code: String,
    pub name: String,
    /// The 2018–19 Basic Command Unit this borough joined, where known.
    pub bcu_name: Option<String>,
    pub wards: Vec<WardId>,
    pub population: f64,
}

/// A named group of boroughs from `bcus.csv` (the 2018–19 BCUs for London).
#[derive(Debug, Clone)]
pub struct BoroughGroup {
    pub name: String,
    pub boroughs: Vec<BoroughId>,
}

/// A checked dataset: wards, boroughs, BCUs, monthly crime and adjacency, with its hash.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// `london-2014` for the embedded data, else the folder it came from.
    pub name: String,
    /// What the figures describe, e.g. "wards May 2014; population mid-2019; crime 2017-03..2019-02".
    pub vintage: String,
    pub wards: Vec<Ward>,
    pub boroughs: Vec<Borough>,
    pub bcus: Vec<BoroughGroup>,
    /// Month labels (`YYYYMM`) of the monthly crime series.
    pub months: Vec<String>,
    /// Total recorded crime per ward per month: `monthly_crime[ward][month]`.
    pub monthly_crime: Vec<Vec<f64>>,
    /// Wards sharing a boundary, with its length in metres.
    pub adjacency: Vec<(WardId, WardId, f64)>,
    /// SHA-256 of the dataset's files, hex.
    pub hash: String,
}

impl Dataset {
    /// Residents of every ward.
    pub fn population(&self) -> f64 {
        self.wards.iter().map(|w| w.population).sum()
    }

    /// The borough with this name or code, if any.
    pub fn borough_by_name_or_code(&self, key: &str) -> Option<BoroughId> {
        self.boroughs
            .iter()
            .position(|b| b.name.eq_ignore_ascii_case(key) || b.code.eq_ignore_ascii_case(key))
            .map(BoroughId)
    }
}
