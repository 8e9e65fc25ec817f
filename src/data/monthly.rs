//! The monthly recorded-crime table: one row per ward, one column per month,
//! the source of the seasonal factors.

use std::collections::HashMap;

use super::csv_table::Table;
use super::error::DataError;

pub(super) fn read_monthly(
    file: &str,
    text: &str,
    ward_index: &HashMap<String, usize>,
    errors: &mut Vec<DataError>,
) -> (Vec<String>, Vec<Vec<f64>>) {
    let Some(t) = Table::parse(file, text, errors) else {
        return (Vec::new(), Vec::new());
    };
    let (Some(code), Some(cat)) = (
        t.column("ward_code", errors),
        t.column("major_category", errors),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let month_cols: Vec<usize> = (0..t.headers.len())
        .filter(|&i| i != code && i != cat)
        .collect();
    for &i in &month_cols {
        let h = &t.headers[i];
        if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(DataError::new(
                file,
                1,
                h,
                "a month column named YYYYMM",
                &format!("`{h}`"),
            ));
        }
    }
    if month_cols.is_empty() {
        errors.push(DataError::new(
            file,
            1,
            "",
            "at least one month column (YYYYMM)",
            "none",
        ));
    }
    let months: Vec<String> = month_cols.iter().map(|&i| t.headers[i].clone()).collect();
    let mut series: Vec<Option<(u64, Vec<f64>)>> = vec![None; ward_index.len()];
    for (line, row) in &t.rows {
        if !t.text(row, cat).eq_ignore_ascii_case("TOTAL") {
            continue;
        }
        let ward = t.text(row, code);
        let Some(&w) = ward_index.get(ward) else {
            errors.push(DataError::new(
                file,
                *line,
                "ward_code",
                "a code listed in wards.csv",
                &format!("`{ward}`"),
            ));
            continue;
        };
        let values: Vec<f64> = month_cols
            .iter()
            .map(|&i| {
                t.number(*line, row, i, 0.0, super::areas::MAX_COUNT, errors)
                    .unwrap_or(0.0)
            })
            .collect();
        if let Some((first, _)) = &series[w] {
            errors.push(DataError::new(
                file,
                *line,
                "ward_code",
                "one TOTAL row per ward",
                &format!("a second for `{ward}` (first on line {first})"),
            ));
        }
        series[w] = Some((*line, values));
    }
    let mut by_ward = Vec::with_capacity(series.len());
    let mut codes: Vec<(&String, &usize)> = ward_index.iter().collect();
    codes.sort_by_key(|(_, i)| **i);
    for (code, &i) in codes {
        match &series[i] {
            Some((_, v)) => by_ward.push(v.clone()),
            None => {
                errors.push(DataError::new(
                    file,
                    0,
                    "major_category",
                    &format!("a TOTAL row for ward `{code}`"),
                    "none",
                ));
                by_ward.push(Vec::new());
            }
        }
    }
    (months, by_ward)
}
