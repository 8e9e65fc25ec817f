//! `wardsim check` (validate scenario files without running them) and
//! `wardsim data` (what a dataset holds).

use std::path::PathBuf;

use super::exit;
use crate::data::{self, DataErrors};
use crate::model::{CRIME_CATEGORIES, Dataset};
use crate::pipeline::{Batch, Overrides};

pub fn check(paths: &[PathBuf]) -> u8 {
    let (batch, problems) = Batch::load(paths, Overrides::default());
    if !problems.is_empty() {
        for e in &problems {
            eprintln!("{e}");
        }
        return exit::BAD_INPUT;
    }
    for l in &batch.loaded {
        let s = &l.scenarios[0];
        let what = match (&l.sweep, l.scenarios.len()) {
            (Some(sw), n) => format!("sweep of {} over {n} points", sw.parameter),
            (None, 1) => format!("{} command units", s.structure.units.len()),
            (None, n) => format!("base and {} variant(s)", n - 1),
        };
        println!(
            "ok  {}  ({}: {what}; {} wards; {} draws, seed {})",
            s.file,
            l.name,
            s.dataset.wards.len(),
            s.params.run.draws,
            s.params.run.seed
        );
    }
    exit::OK
}

pub fn data_summary(dir: Option<PathBuf>) -> u8 {
    let loaded: Result<Dataset, DataErrors> = match &dir {
        None => data::london(),
        Some(d) => data::load_folder(d),
    };
    let ds = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    let pop = ds.population();
    let crime: f64 = ds.wards.iter().map(|w| w.crime_2018_total()).sum();
    let area: f64 = ds.wards.iter().map(|w| w.land_area_ha).sum();
    println!("dataset {}", ds.name);
    println!("  {}", ds.vintage);
    println!("  sha256 {}", ds.hash);
    println!(
        "  {} wards, {} boroughs, {} BCUs (2018-19 groups)",
        ds.wards.len(),
        ds.boroughs.len(),
        ds.bcus.len()
    );
    println!(
        "  population {:.0}; land area {:.0} km²; {:.0} residents per km²",
        pop,
        area / 100.0,
        pop / (area / 100.0)
    );
    println!(
        "  recorded crime 2018: {crime:.0} ({:.1} per 1,000 residents)",
        crime / pop * 1000.0
    );
    for (i, c) in CRIME_CATEGORIES.iter().enumerate() {
        let n: f64 = ds.wards.iter().map(|w| w.crime_2018[i]).sum();
        println!("    {:<32} {:>8.0}", c.replace('_', " "), n);
    }
    if let (Some(first), Some(last)) = (ds.months.first(), ds.months.last()) {
        let totals: Vec<f64> = (0..ds.months.len())
            .map(|m| ds.monthly_crime.iter().map(|w| w[m]).sum())
            .collect();
        let lo = totals.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = totals.iter().cloned().fold(0.0, f64::max);
        println!(
            "  monthly crime {first}..{last}: {lo:.0} to {hi:.0} a month (seasonality source)"
        );
    }
    if !ds.adjacency.is_empty() {
        println!("  {} pairs of wards share a boundary", ds.adjacency.len());
    }
    println!();
    println!(
        "  {:<24} {:>6} {:>10} {:>9}  2018-19 BCU",
        "borough", "wards", "population", "crime"
    );
    for b in &ds.boroughs {
        let c: f64 = b
            .wards
            .iter()
            .map(|w| ds.wards[w.0].crime_2018_total())
            .sum();
        println!(
            "  {:<24} {:>6} {:>10.0} {:>9.0}  {}",
            b.name,
            b.wards.len(),
            b.population,
            c,
            b.bcu_name.as_deref().unwrap_or("-")
        );
    }
    if !ds.bcus.is_empty() {
        println!();
        for g in &ds.bcus {
            let names: Vec<&str> = g
                .boroughs
                .iter()
                .map(|b| ds.boroughs[b.0].name.as_str())
                .collect();
            println!("  BCU {:<16} {}", g.name, names.join(", "));
        }
    }
    exit::OK
}
