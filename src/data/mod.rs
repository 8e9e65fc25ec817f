//! Loading datasets: the embedded London 2014 tables, or a folder of CSV files in
//! the same format. Every problem names file, line, column, what was expected and
//! what was found.
//!
//! This module must not know about scenarios, allocation or simulation.

mod areas;
mod boundaries;
pub(crate) mod csv_table;
mod embedded;
mod error;
mod grid;
mod load;
mod monthly;
mod sources;

pub use boundaries::{BOUNDARY_FILES, boundaries};
pub use embedded::{LONDON_NAME, london};
pub use error::{DataError, DataErrors};
pub use grid::grid_to_wgs84;
pub use load::{load_folder, load_sources};
pub use sources::{FILES, Sources, read_regular, read_text};
