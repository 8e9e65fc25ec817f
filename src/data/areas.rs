//! The tables of places: boroughs, wards (with their population, area, crime
//! and centroid), the boroughs' command-unit groups and which wards touch.

use std::collections::HashMap;

use super::csv_table::Table;
use super::error::DataError;
use crate::model::geography::BoroughGroup;
use crate::model::{Borough, BoroughId, CRIME_CATEGORIES, Ward, WardId};

/// Bounds on dataset numbers, far beyond any city's yet small enough that
/// every figure computed from them stays finite: a ward's area (hectares; 1
/// million is 10,000 km²), a coordinate or length in metres (100,000 km), and a
/// ward's residents or crimes in a year.
pub const MAX_HECTARES: f64 = 1e6;
pub const MAX_METRES: f64 = 1e8;
pub const MAX_COUNT: f64 = 1e8;

pub(super) fn read_boroughs(file: &str, text: &str, errors: &mut Vec<DataError>) -> Vec<Borough> {
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

pub(super) fn read_wards(
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
        let area = t.number(line, row, c[3], 0.0, MAX_HECTARES, errors);
        let nonland = t.number(line, row, c[4], 0.0, MAX_HECTARES, errors);
        let easting = t.number(line, row, c[5], -MAX_METRES, MAX_METRES, errors);
        let northing = t.number(line, row, c[6], -MAX_METRES, MAX_METRES, errors);
        let population = t.number(line, row, c[7], 0.0, MAX_COUNT, errors);
        let mut crime = [0.0; 11];
        for (k, &col) in cc.iter().enumerate() {
            crime[k] = t
                .number(line, row, col, 0.0, MAX_COUNT, errors)
                .unwrap_or(0.0);
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

/// Reads `bcus.csv`: each BCU's name and member boroughs, which must partition
/// the boroughs of `boroughs.csv` exactly as `[structure.groups]` must: unique
/// names, no empty group, every borough in exactly one group.
pub(super) fn read_groups(
    file: &str,
    text: &str,
    boroughs: &[Borough],
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
    // Where each name and each borough was first seen: (group name, line).
    let mut names: HashMap<String, u64> = HashMap::new();
    let mut owner: HashMap<usize, (String, u64)> = HashMap::new();
    for (line, row) in &t.rows {
        let Some(n) = t.non_empty(*line, row, name, errors) else {
            continue;
        };
        if let Some(first) = names.get(&n) {
            errors.push(DataError::new(
                file,
                *line,
                "bcu_name",
                "a name no other row uses",
                &format!("`{n}`, already the name on line {first}"),
            ));
        } else {
            names.insert(n.clone(), *line);
        }
        let mut members = Vec::new();
        let listed: Vec<&str> = t
            .text(row, codes)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if listed.is_empty() {
            errors.push(DataError::new(
                file,
                *line,
                "borough_codes",
                "one or more borough codes separated by `;`",
                &format!("none for `{n}`"),
            ));
        }
        for code in listed {
            match borough_index.get(code) {
                Some(&b) => match owner.get(&b) {
                    Some((other, at)) => errors.push(DataError::new(
                        file,
                        *line,
                        "borough_codes",
                        "each borough in exactly one BCU",
                        &format!(
                            "`{code}` ({}) in `{n}` and already in `{other}` on line {at}",
                            boroughs[b].name
                        ),
                    )),
                    None => {
                        owner.insert(b, (n.clone(), *line));
                        members.push(BoroughId(b));
                    }
                },
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
    let missing: Vec<String> = (0..boroughs.len())
        .filter(|b| !owner.contains_key(b))
        .map(|b| format!("{} ({})", boroughs[b].name, boroughs[b].code))
        .collect();
    if !missing.is_empty() {
        // Reported at the header: the fix is a row (or a code) that is not there.
        errors.push(DataError::new(
            file,
            1,
            "borough_codes",
            "every borough of boroughs.csv in exactly one BCU",
            &format!("no BCU for {}", missing.join(", ")),
        ));
    }
    out
}

pub(super) fn read_adjacency(
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
        let l = t.number(*line, row, len, 0.0, MAX_METRES, errors);
        if let (Some(wa), Some(wb), Some(l)) = (wa, wb, l) {
            out.push((WardId(wa), WardId(wb), l));
        }
    }
    out
}
