//! Turning CSV text into a checked `Dataset`: read a folder's files, parse each
//! table, check them against each other and hash what was read.

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::areas::{read_adjacency, read_boroughs, read_groups, read_wards};
use super::error::{DataError, DataErrors};
use super::monthly::read_monthly;
use super::sources::{Sources, read_text};
use crate::model::{Dataset, WardId};

/// Loads a dataset folder holding the files in `FILES` (the monthly crime file may
/// also be named `ward_crime_monthly_<from>_<to>.csv`).
pub fn load_folder(dir: &Path) -> Result<Dataset, DataErrors> {
    let read = |name: &str| -> Result<(String, String), DataError> {
        let path = dir.join(name);
        read_text(&path)
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
        vintage: None,
    })
}

/// Parses and checks a dataset from the text of its tables.
pub fn load_sources(src: Sources) -> Result<Dataset, DataErrors> {
    let mut errors = Vec::new();
    let hash = hash_sources(&src);

    let boroughs = read_boroughs(&src.boroughs.0, &src.boroughs.1, &mut errors);
    // A table that could not be read at all (a missing column, say) is reported
    // once: the files that refer to its rows are not checked against nothing.
    if boroughs.is_empty() && !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    let borough_index: HashMap<String, usize> = boroughs
        .iter()
        .enumerate()
        .map(|(i, b)| (b.code.clone(), i))
        .collect();
    let mut wards = read_wards(&src.wards.0, &src.wards.1, &borough_index, &mut errors);
    if wards.is_empty() && !errors.is_empty() {
        return Err(DataErrors(errors));
    }
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
        Some((f, t)) => read_groups(f, t, &boroughs, &borough_index, &mut errors),
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
    let vintage = src.vintage.unwrap_or(vintage);
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
