//! `results.xlsx`: a run's or a comparison's tables as one Excel workbook, a
//! sheet each (a run: summary, wards, boroughs, units, allocation; a
//! comparison: the London differences, wards and boroughs), each with its header
//! row frozen and bold and every metric column's unit in its header, numbers
//! stored as numbers. Written with rust_xlsxwriter.
//!
//! The sheets are the CSV tables the product already writes, read back, so the
//! workbook and the CSVs cannot disagree. Its creation date is fixed (1 January
//! 2000) so that the same run always writes the same bytes. Formats only.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::model::Metric;
use crate::report::run::Summary;

/// A sheet: its name and its table as CSV bytes.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub csv: &'a [u8],
}

/// The bytes of the file called `name` among `files` (empty if none).
pub fn table<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    files
        .iter()
        .find(|f| f.0 == name)
        .map_or(&[][..], |f| f.1.as_slice())
}

/// The unit a metric is measured in, as a header says it.
fn unit_words(m: Metric) -> &'static str {
    use crate::model::Unit;
    match m.unit() {
        Unit::Share => "share, 0 to 1",
        Unit::Minutes => "minutes",
        Unit::Hours => "hours a week",
        Unit::Ratio => "ratio",
        Unit::Per1000 => "per 1,000 residents",
        Unit::Count => "count",
    }
}

/// The metric a column of a wide table belongs to (`i_on_time_ci95_low`), the
/// longest key that prefixes it.
fn metric_of_column(column: &str) -> Option<Metric> {
    Metric::ALL
        .iter()
        .copied()
        .filter(|m| {
            column
                .strip_prefix(m.key())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
        })
        .max_by_key(|m| m.key().len())
}

/// A header with its unit where the column measures a metric.
fn header(column: &str) -> String {
    match metric_of_column(column) {
        Some(m) => format!("{column} ({})", unit_words(m)),
        None => column.to_string(),
    }
}

fn add_sheet(wb: &mut Workbook, sheet: &Sheet, bold: &Format) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet.name)?;
    let mut reader = csv::ReaderBuilder::new().from_reader(sheet.csv);
    let headers: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default();
    // Long tables (a row per area and metric) get the metric's unit beside it.
    let metric_col = headers.iter().position(|h| h == "metric");
    let with_unit = metric_col.filter(|_| !headers.iter().any(|h| h == "unit"));
    let mut out_headers: Vec<String> = headers.iter().map(|h| header(h)).collect();
    if let Some(k) = with_unit {
        out_headers.insert(k + 1, "unit".into());
    }
    for (c, h) in out_headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, bold)?;
        ws.set_column_width(c as u16, (h.len().clamp(8, 40)) as f64)?;
    }
    for (r, record) in reader.records().enumerate() {
        let Ok(record) = record else { continue };
        let row = (r + 1) as u32;
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        if let Some(k) = with_unit {
            let unit = cells
                .get(k)
                .and_then(|key| Metric::from_key(key))
                .map_or("", unit_words);
            cells.insert(k + 1, unit.to_string());
        }
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            match cell.parse::<f64>() {
                Ok(x) if x.is_finite() => {
                    ws.write_number(row, col, x)?;
                }
                _ if cell.is_empty() => {}
                _ => {
                    ws.write_string(row, col, cell)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The London estimates of a run as a table: a row per metric.
pub fn london_csv(s: &Summary) -> Vec<u8> {
    let mut w = crate::report::csv::writer();
    let _ = w.write_record([
        "metric",
        "label",
        "unit",
        "mean",
        "se",
        "ci95_low",
        "ci95_high",
        "p10",
        "p50",
        "p90",
        "draws",
    ]);
    let num = |x: Option<f64>| x.map(crate::report::csv::num).unwrap_or_default();
    for (m, e) in &s.london {
        let e = e.as_ref();
        let _ = w.write_record([
            m.key().to_string(),
            m.label().to_string(),
            unit_words(*m).to_string(),
            num(e.map(|e| e.mean)),
            num(e.map(|e| e.standard_error)),
            num(e.map(|e| e.ci95_low)),
            num(e.map(|e| e.ci95_high)),
            num(e.and_then(|e| e.p10)),
            num(e.and_then(|e| e.p50)),
            num(e.and_then(|e| e.p90)),
            e.map(|e| e.draws.to_string()).unwrap_or_default(),
        ]);
    }
    crate::report::csv::finish(w)
}

/// The workbook of `sheets`, as bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    // A fixed creation date, so that the same run writes the same bytes (a
    // merged shard's workbook equals the whole run's).
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| format!("results.xlsx: {e}"))?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("wardsim results"),
    );
    let bold = Format::new().set_bold();
    for s in sheets {
        add_sheet(&mut wb, s, &bold).map_err(|e| format!("results.xlsx: {e}"))?;
    }
    wb.save_to_buffer()
        .map_err(|e| format!("results.xlsx: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_find_their_metric_by_the_longest_key() {
        assert_eq!(metric_of_column("i_on_time_mean"), Some(Metric::IOnTime));
        assert_eq!(
            metric_of_column("i_p90_response_minutes_ci95_low"),
            Some(Metric::IP90ResponseMinutes)
        );
        assert_eq!(metric_of_column("ward_code"), None);
        assert_eq!(header("s_on_time_se"), "s_on_time_se (share, 0 to 1)");
    }
}
