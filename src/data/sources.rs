//! The text of a dataset's tables, before any parsing: the files a dataset
//! folder holds, each table's file name and contents, and reading input files
//! only when they are regular files.

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

/// Reads a file's bytes if it is a regular file: a pipe, device or folder given
/// where a file belongs is refused at once instead of blocking or failing late.
pub fn read_regular(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a folder, pipe or device)",
        ));
    }
    std::fs::read(path)
}

/// Reads a regular file as UTF-8 text (see `read_regular`).
pub fn read_text(path: &std::path::Path) -> std::io::Result<String> {
    String::from_utf8(read_regular(path)?).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}
