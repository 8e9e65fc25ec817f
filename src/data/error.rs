//! A problem in a dataset's files: which file, line and column, what was
//! expected and what was found; and all of a load's problems together.

use std::fmt;

/// One bad cell or row.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub expected: String,
    pub found: String,
}

impl DataError {
    /// A problem at `file:line`, in `column`.
    pub fn new(file: &str, line: u64, column: &str, expected: &str, found: &str) -> Self {
        DataError {
            file: file.to_string(),
            line,
            column: column.to_string(),
            expected: expected.to_string(),
            found: found.to_string(),
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // A problem with the whole file, not one of its lines.
            write!(
                f,
                "{}: expected {}, found {}",
                self.file, self.expected, self.found
            )
        } else if self.column.is_empty() {
            write!(
                f,
                "{}:{}: expected {}, found {}",
                self.file, self.line, self.expected, self.found
            )
        } else {
            write!(
                f,
                "{}:{}: column `{}`: expected {}, found {}",
                self.file, self.line, self.column, self.expected, self.found
            )
        }
    }
}

/// Every problem found in a dataset, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct DataErrors(pub Vec<DataError>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "error: {e}")?;
        }
        write!(f, "{} problem(s) in the dataset", self.0.len())
    }
}

impl std::error::Error for DataErrors {}
