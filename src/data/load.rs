//! Turning CSV text into a checked `Dataset`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::csv_table::Table;
use crate::model::geography::BoroughGroup;
use crate::model::{Borough, BoroughId, CRIME_CATEGORIES, Dataset, Ward, WardId};

/// The files a dataset folder holds; the last two are optional.
pub const FILES: [&str; 5] = [
    "wards.csv",
    "boroughs.csv",
    "ward_crime_monthly.csv",
    "bcus.csv",
    "ward_adjacency.csv",
];

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
        if self.column.is_empty() {
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

/// File name and text of each table.
pub struct Sources {
    pub name: String,
    pub wards: (String, String),
    pub boroughs: (String, String),
    pub bcus: Option<(String, String)>,
    pub adjacency: Option<(String, String)>,
    pub monthly: (String, String),
}

/// Loads a dataset folder holding the files in `FILES` (the monthly crime file may
/// also be named `ward_crime_monthly_<from>_<to>.csv`).
pub fn load_folder(dir: &Path) -> Result<Dataset, DataErrors> {
    let read = |name: &str| -> Result<(String, String), DataError> {
        let path = dir.join(name);
        std::fs::read_to_string(&path)
            .map(|t| (path.display().to_string(), t))
            .map_err(|e| {
                DataError::new(
                    &path.display().to_string(),
                    0,
                    "",
                    "a readable UTF-8 CSV file",
                    &e.to_string(),
                )
            })
    };
    let monthly_name = std::fs::read_dir(dir)
        .ok()
        .and_then(|entries| {
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .filter(|n| n.starts_with("ward_crime_monthly") && n.ends_with(".csv"))
                .collect();
            names.sort();
            names.into_iter().next()
        })
        .unwrap_or_else(|| "ward_crime_monthly.csv".to_string());
    let mut errors = Vec::new();
    let mut take = |r: Result<(String, String), DataError>| match r {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let wards = take(read("wards.csv"));
    let boroughs = take(read("boroughs.csv"));
    let monthly = take(read(&monthly_name));
    let optional = |name: &str| {
        if dir.join(name).exists() {
            Some(read(name))
        } else {
            None
        }
    };
    let bcus = optional("bcus.csv").and_then(&mut take);
    let adjacency = optional("ward_adjacency.csv").and_then(&mut take);
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    load_sources(Sources {
        name: dir.display().to_string(),
        wards: wards.expect("checked above"),
        boroughs: boroughs.expect("checked above"),
        bcus,
        adjacency,
        monthly: monthly.expect("checked above"),
    })
}

pub fn load_sources(src: Sources) -> Result<Dataset, DataErrors> {
    let mut errors = Vec::new();
    let hash = hash_sources(&src);

    let boroughs = read_boroughs(&src.boroughs.0, &src.boroughs.1, &mut errors);
    let borough_index: HashMap<String, usize> = boroughs
        .iter()
        .enumerate()
        .map(|(i, b)| (b.code.clone(), i))
        .collect();
    let mut wards = read_wards(&src.wards.0, &src.wards.1, &borough_index, &mut errors);
    let mut boroughs = boroughs;
    for (i, w) in wards.iter_mut().enumerate() {
        let b = &mut boroughs[w.borough.0];
        b.wards.push(WardId(i));
        b.population += w.population;
    }
    for b in &boroughs {
        if b.wards.is_empty() {
            errors.push(DataError::new(
                &src.boroughs.0,
                0,
                "borough_code",
                "at least one ward in wards.csv",
                &format!("none for borough {} ({})", b.name, b.code),
            ));
        }
    }
    let ward_index: HashMap<String, usize> = wards
        .iter()
        .enumerate()
        .map(|(i, w)| (w.code.clone(), i))
        .collect();
    let (months, monthly_crime) =
        read_monthly(&src.monthly.0, &src.monthly.1, &ward_index, &mut errors);
    let bcus = match &src.bcus {
        Some((f, t)) => read_groups(f, t, &borough_index, &mut errors),
        None => Vec::new(),
    };
    let adjacency = match &src.adjacency {
        Some((f, t)) => read_adjacency(f, t, &ward_index, &mut errors),
        None => Vec::new(),
    };
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    let vintage = format!(
        "{} wards in {} boroughs; population as given in wards.csv; monthly crime {}..{}",
        wards.len(),
        boroughs.len(),
        months.first().map(String::as_str).unwrap_or("?"),
        months.last().map(String::as_str).unwrap_or("?"),
    );
    let vintage = if src.name == super::LONDON_NAME {
        "London wards of May 2014 (629, City excluded); population ONS mid-2019 (LSOA-apportioned); \
         recorded crime MPS 2017-03..2019-02; BCUs of 2018-19"
            .to_string()
    } else {
        vintage
    };
    Ok(Dataset {
        name: src.name,
        vintage,
        wards,
        boroughs,
        bcus,
        months,
        monthly_crime,
        adjacency,
        hash,
    })
}

fn hash_sources(src: &Sources) -> String {
    let mut h = Sha256::new();
    let mut add = |label: &str, text: &str| {
        h.update(label.as_bytes());
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    };
    add("wards", &src.wards.1);
    add("boroughs", &src.boroughs.1);
    add("monthly", &src.monthly.1);
    if let Some((_, t)) = &src.bcus {
        add("bcus", t);
    }
    if let Some((_, t)) = &src.adjacency {
        add("adjacency", t);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn read_boroughs(file: &str, text: &str, errors: &mut Vec<DataError>) -> Vec<Borough> {
    let Some(t) = Table::parse(file, text, errors) else {
        return Vec::new();
    };
    let (Some(code), Some(name)) = (
        t.column("borough_code", errors),
        t.column("borough_name", errors),
    ) else {
        return Vec::new();
    };
    let bcu = t.headers.iter().position(|h| h == "bcu_name");
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let (Some(c), Some(n)) = (
            t.non_empty(*line, row, code, errors),
            t.non_empty(*line, row, name, errors),
        ) else {
            continue;
        };
        if let Some(first) = seen.insert(c.clone(), *line) {
            errors.push(DataError::new(
                file,
                *line,
                "borough_code",
                "a code not used before",
                &format!("`{c}`, already on line {first}"),
            ));
            continue;
        }
        let bcu_name = bcu
            .map(|i| t.text(row, i).to_string())
            .filter(|s| !s.is_empty());
        out.push(Borough {
            code: c,
            name: n,
            bcu_name,
            wards: Vec::new(),
            population: 0.0,
        });
    }
    out
}

fn read_wards(
    file: &str,
    text: &str,
    borough_index: &HashMap<String, usize>,
    errors: &mut Vec<DataError>,
) -> Vec<Ward> {
    let Some(t) = Table::parse(file, text, errors) else {
        return Vec::new();
    };
    let population_col = if t
        .headers
        .iter()
        .any(|h| h == "population_mid2019_ons_lsoa_apportioned")
    {
        "population_mid2019_ons_lsoa_apportioned"
    } else {
        "population"
    };
    let names = [
        "ward_code",
        "ward_name",
        "borough_code",
        "area_ha",
        "nonland_area_ha",
        "centroid_easting",
        "centroid_northing",
        population_col,
    ];
    let cols: Vec<Option<usize>> = names.iter().map(|n| t.column(n, errors)).collect();
    let crime_cols: Vec<Option<usize>> = CRIME_CATEGORIES
        .iter()
        .map(|c| t.column(&format!("crime_2018_{c}"), errors))
        .collect();
    if cols.iter().chain(&crime_cols).any(Option::is_none) {
        return Vec::new();
    }
    let c: Vec<usize> = cols.into_iter().flatten().collect();
    let cc: Vec<usize> = crime_cols.into_iter().flatten().collect();
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let line = *line;
        let before = errors.len();
        let code = t.non_empty(line, row, c[0], errors);
        let name = t.non_empty(line, row, c[1], errors);
        let borough_code = t.non_empty(line, row, c[2], errors);
        let area = t.number(line, row, c[3], 0.0, errors);
        let nonland = t.number(line, row, c[4], 0.0, errors);
        let easting = t.number(line, row, c[5], f64::NEG_INFINITY, errors);
        let northing = t.number(line, row, c[6], f64::NEG_INFINITY, errors);
        let population = t.number(line, row, c[7], 0.0, errors);
        let mut crime = [0.0; 11];
        for (k, &col) in cc.iter().enumerate() {
            crime[k] = t.number(line, row, col, 0.0, errors).unwrap_or(0.0);
        }
        let borough = borough_code.as_ref().and_then(|b| {
            let found = borough_index.get(b).copied();
            if found.is_none() {
                errors.push(DataError::new(
                    file,
                    line,
                    "borough_code",
                    "a code listed in boroughs.csv",
                    &format!("`{b}`"),
                ));
            }
            found
        });
        if let Some(code) = &code
            && let Some(first) = seen.insert(code.clone(), line)
        {
            errors.push(DataError::new(
                file,
                line,
                "ward_code",
                "a code not used before",
                &format!("`{code}`, already on line {first}"),
            ));
        }
        if let (Some(a), Some(n)) = (area, nonland)
            && n > a
        {
            errors.push(DataError::new(
                file,
                line,
                "nonland_area_ha",
                &format!("at most area_ha ({a})"),
                &n.to_string(),
            ));
        }
        if errors.len() > before {
            continue;
        }
        out.push(Ward {
            code: code.expect("checked"),
            name: name.expect("checked"),
            borough: BoroughId(borough.expect("checked")),
            land_area_ha: area.expect("checked") - nonland.expect("checked"),
            easting: easting.expect("checked"),
            northing: northing.expect("checked"),
            population: population.expect("checked"),
            crime_2018: crime,
        });
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(DataError::new(file, 2, "", "at least one ward row", "none"));
    }
    out
}

fn read_monthly(
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
            .map(|&i| t.number(*line, row, i, 0.0, errors).unwrap_or(0.0))
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

fn read_groups(
    file: &str,
    text: &str,
    borough_index: &HashMap<String, usize>,
    errors: &mut Vec<DataError>,
) -> Vec<BoroughGroup> {
    let Some(t) = Table::parse(file, text, errors) else {
        return Vec::new();
    };
    let (Some(name), Some(codes)) = (
        t.column("bcu_name", errors),
        t.column("borough_codes", errors),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let Some(n) = t.non_empty(*line, row, name, errors) else {
            continue;
        };
        let mut members = Vec::new();
        for code in t
            .text(row, codes)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match borough_index.get(code) {
                Some(&b) => members.push(BoroughId(b)),
                None => errors.push(DataError::new(
                    file,
                    *line,
                    "borough_codes",
                    "codes listed in boroughs.csv",
                    &format!("`{code}`"),
                )),
            }
        }
        out.push(BoroughGroup {
            name: n,
            boroughs: members,
        });
    }
    out
}

fn read_adjacency(
    file: &str,
    text: &str,
    ward_index: &HashMap<String, usize>,
    errors: &mut Vec<DataError>,
) -> Vec<(WardId, WardId, f64)> {
    let Some(t) = Table::parse(file, text, errors) else {
        return Vec::new();
    };
    let cols = ["ward_code_a", "ward_code_b", "shared_boundary_m"].map(|c| t.column(c, errors));
    let [Some(a), Some(b), Some(len)] = cols else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let mut ward = |col: usize| {
            let code = t.text(row, col);
            let found = ward_index.get(code).copied();
            if found.is_none() {
                errors.push(DataError::new(
                    file,
                    *line,
                    &t.headers[col],
                    "a code listed in wards.csv",
                    &format!("`{code}`"),
                ));
            }
            found
        };
        let (wa, wb) = (ward(a), ward(b));
        let l = t.number(*line, row, len, 0.0, errors);
        if let (Some(wa), Some(wb), Some(l)) = (wa, wb, l) {
            out.push((WardId(wa), WardId(wb), l));
        }
    }
    out
}
