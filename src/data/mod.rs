//! Loading datasets: the embedded London 2014 tables, or a folder of CSV files in
//! the same format. Every problem names file, line, column, what was expected and
//! what was found.
//!
//! This module must not know about scenarios, allocation or simulation.

mod boundaries;
mod csv_table;
mod embedded;
mod load;

pub use boundaries::{BOUNDARY_FILES, boundaries};
pub use embedded::{LONDON_NAME, london};
pub use load::{DataError, DataErrors, FILES, load_folder, load_sources};
