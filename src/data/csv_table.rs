//! A small typed reader over one CSV file that records every bad cell instead of
//! stopping at the first.

use super::error::DataError;

pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    /// (line number in the file, fields)
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    pub fn parse(file: &str, text: &str, errors: &mut Vec<DataError>) -> Option<Table> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>(),
            Err(e) => {
                errors.push(DataError::new(file, 1, "", "a header row", &e.to_string()));
                return None;
            }
        };
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map(|p| p.line()).unwrap_or(0);
                    rows.push((line, r.iter().map(|s| s.trim().to_string()).collect()));
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    errors.push(DataError::new(
                        file,
                        line,
                        "",
                        &format!("{} fields per row", headers.len()),
                        &e.to_string(),
                    ));
                }
            }
        }
        Some(Table {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// Index of a required column, or an error naming it.
    pub fn column(&self, name: &str, errors: &mut Vec<DataError>) -> Option<usize> {
        let found = self.headers.iter().position(|h| h == name);
        if found.is_none() {
            errors.push(DataError::new(
                &self.file,
                1,
                name,
                &format!("a column named `{name}`"),
                &format!("columns {}", self.headers.join(", ")),
            ));
        }
        found
    }

    pub fn text<'a>(&self, row: &'a [String], col: usize) -> &'a str {
        row.get(col).map(String::as_str).unwrap_or("")
    }

    /// A finite number from `min` to `max`, or an error naming the cell.
    #[allow(clippy::too_many_arguments)]
    pub fn number(
        &self,
        line: u64,
        row: &[String],
        col: usize,
        min: f64,
        max: f64,
        errors: &mut Vec<DataError>,
    ) -> Option<f64> {
        let raw = self.text(row, col);
        match raw.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= min && v <= max => Some(v),
            _ => {
                let expected = match (min == f64::NEG_INFINITY, max == f64::INFINITY) {
                    (true, true) => "a number".to_string(),
                    (false, true) => format!("a number >= {min}"),
                    (true, false) => format!("a number <= {max}"),
                    (false, false) => format!("a number from {min} to {max}"),
                };
                let found = if raw.is_empty() {
                    "an empty cell".to_string()
                } else {
                    format!("`{raw}`")
                };
                errors.push(DataError::new(
                    &self.file,
                    line,
                    &self.headers[col],
                    &expected,
                    &found,
                ));
                None
            }
        }
    }

    pub fn non_empty(
        &self,
        line: u64,
        row: &[String],
        col: usize,
        errors: &mut Vec<DataError>,
    ) -> Option<String> {
        let raw = self.text(row, col);
        if raw.is_empty() {
            errors.push(DataError::new(
                &self.file,
                line,
                &self.headers[col],
                "a value",
                "an empty cell",
            ));
            None
        } else {
            Some(raw.to_string())
        }
    }
}
