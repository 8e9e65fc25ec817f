//! The text of a dataset's tables, before any parsing: the files a dataset
//! folder holds, and each table's file name and contents.

/// The files a dataset folder holds; the last two are optional.
pub const FILES: [&str; 5] = [
    "wards.csv",
    "boroughs.csv",
    "ward_crime_monthly.csv",
    "bcus.csv",
    "ward_adjacency.csv",
];

/// File name and text of each table.
pub struct Sources {
    pub name: String,
    pub wards: (String, String),
    pub boroughs: (String, String),
    pub bcus: Option<(String, String)>,
    pub adjacency: Option<(String, String)>,
    pub monthly: (String, String),
    /// What the data describes and when, where known better than "as given".
    pub vintage: Option<String>,
}
