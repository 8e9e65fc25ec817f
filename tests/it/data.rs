//! The embedded London data, and CSV errors that name file, line and column.

use super::common::{root, temp_dir, wardsim, write};
use wardsim::data;

#[test]
fn london_has_629_wards_in_32_boroughs_and_12_bcus() {
    let ds = data::london().unwrap();
    assert_eq!(ds.wards.len(), 629);
    assert_eq!(ds.boroughs.len(), 32);
    assert_eq!(ds.bcus.len(), 12);
    assert_eq!(ds.population().round(), 8_952_270.0);
    let crime: f64 = ds.wards.iter().map(|w| w.crime_2018_total()).sum();
    assert_eq!(crime, 825_970.0, "PROVENANCE.md: 2018 total over 629 wards");
    assert_eq!(ds.months.len(), 24);
    assert_eq!(ds.adjacency.len(), 1_775);
    let harrow = &ds.boroughs[ds.borough_by_name_or_code("Harrow").unwrap().0];
    assert_eq!(harrow.wards.len(), 21);
    assert_eq!(harrow.bcu_name.as_deref(), Some("North West"));
    // Every borough sits in exactly one BCU.
    let mut seen = [0; 32];
    ds.bcus
        .iter()
        .flat_map(|g| &g.boroughs)
        .for_each(|b| seen[b.0] += 1);
    assert!(seen.iter().all(|&n| n == 1));
}

fn copy_london(dir: &std::path::Path) {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/london");
    for f in [
        "wards.csv",
        "boroughs.csv",
        "bcus.csv",
        "ward_adjacency.csv",
        "ward_crime_monthly_201703_201902.csv",
    ] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
}

#[test]
fn a_dataset_folder_loads_like_the_embedded_one() {
    let dir = temp_dir("data-folder");
    copy_london(&dir);
    let folder = data::load_folder(&dir).unwrap();
    let embedded = data::london().unwrap();
    assert_eq!(folder.wards.len(), embedded.wards.len());
    assert_eq!(folder.hash, embedded.hash, "same bytes, same hash");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_cells_are_reported_with_file_line_column_expected_and_found() {
    let dir = temp_dir("data-bad");
    copy_london(&dir);
    let wards = std::fs::read_to_string(dir.join("wards.csv")).unwrap();
    let mut lines: Vec<String> = wards.lines().map(String::from).collect();
    // Line 3: population becomes text; line 5: an unknown borough code.
    let mut cells: Vec<String> = lines[2].split(',').map(String::from).collect();
    cells[11] = "abc".into();
    lines[2] = cells.join(",");
    let mut cells: Vec<String> = lines[4].split(',').map(String::from).collect();
    cells[2] = "E09999999".into();
    lines[4] = cells.join(",");
    std::fs::write(dir.join("wards.csv"), lines.join("\n") + "\n").unwrap();
    let r = wardsim()
        .args(["data", "--dataset"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("wards.csv:3: column `population_mid2019_ons_lsoa_apportioned`: expected a number from 0 to 100000000, found `abc`"), "{err}");
    assert!(err.contains("wards.csv:5: column `borough_code`: expected a code listed in boroughs.csv, found `E09999999`"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn absurd_numbers_in_a_dataset_are_refused_with_their_position() {
    // Finite but absurd values once ran and gave NaN in summary.json or
    // "4294967923 PCSOs placed"; every number now has a range.
    let dir = temp_dir("data-absurd");
    copy_london(&dir);
    let wards = std::fs::read_to_string(dir.join("wards.csv")).unwrap();
    let mut lines: Vec<String> = wards.lines().map(String::from).collect();
    let mut cells: Vec<String> = lines[1].split(',').map(String::from).collect();
    cells[7] = "1e308".into(); // centroid_easting
    cells[11] = "1e300".into(); // population
    cells[15] = "9e99".into(); // a crime count
    lines[1] = cells.join(",");
    std::fs::write(dir.join("wards.csv"), lines.join("\n") + "\n").unwrap();
    let r = wardsim()
        .args(["data", "--dataset"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    for want in [
        "wards.csv:2: column `centroid_easting`: expected a number from -100000000 to 100000000, found `1e308`",
        "wards.csv:2: column `population_mid2019_ons_lsoa_apportioned`: expected a number from 0 to 100000000, found `1e300`",
        "wards.csv:2: column `crime_2018_violence_against_the_person`: expected a number from 0 to 100000000, found `9e99`",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_column_is_named() {
    let dir = temp_dir("data-column");
    copy_london(&dir);
    let b = std::fs::read_to_string(dir.join("boroughs.csv"))
        .unwrap()
        .replacen("borough_name", "name", 1);
    write(&dir, "boroughs.csv", &b);
    let err = data::load_folder(&dir).unwrap_err().to_string();
    assert!(
        err.contains(
            "boroughs.csv:1: column `borough_name`: expected a column named `borough_name`"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_wards_column_is_one_problem_not_thousands() {
    // Once, one missing column made every ward unknown to the adjacency and
    // crime files: 4,212 problems. The table is reported once and the files
    // that refer to it are not checked against nothing.
    let dir = temp_dir("data-ward-column");
    copy_london(&dir);
    let w = std::fs::read_to_string(dir.join("wards.csv"))
        .unwrap()
        .replacen("area_ha,", "area,", 1);
    write(&dir, "wards.csv", &w);
    let e = data::load_folder(&dir).unwrap_err();
    assert_eq!(e.0.len(), 1, "{e}");
    assert!(
        e.to_string().contains("expected a column named `area_ha`"),
        "{e}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bcus_csv_must_partition_the_boroughs() {
    // Each edit once ran with exit 0 and changed results; now each is bad input
    // at its own line, as `[structure.groups]` is checked.
    let dir = temp_dir("data-bcus");
    copy_london(&dir);
    let original = std::fs::read_to_string(dir.join("bcus.csv")).unwrap();
    /// What is wrong, how the file is edited to make it so, and the message.
    type Case = (&'static str, Box<dyn Fn(&str) -> String>, &'static str);
    let cases: [Case; 4] = [
        (
            "a borough in two BCUs",
            Box::new(|t: &str| {
                t.replacen("E09000027;E09000032", "E09000027;E09000032;E09000013", 1)
            }),
            "bcus.csv:3: column `borough_codes`: expected each borough in exactly one BCU, found `E09000013` (Hammersmith and Fulham) in `South West` and already in `Central West` on line 2",
        ),
        (
            "a borough in none",
            Box::new(|t: &str| {
                t.replacen("E09000013;E09000020;E09000033", "E09000013;E09000020", 1)
            }),
            "bcus.csv:1: column `borough_codes`: expected every borough of boroughs.csv in exactly one BCU, found no BCU for Westminster (E09000033)",
        ),
        (
            "an empty BCU",
            Box::new(|t: &str| format!("{t}Nowhere,,,0,0,0,0\n")),
            "bcus.csv:14: column `borough_codes`: expected one or more borough codes separated by `;`, found none for `Nowhere`",
        ),
        (
            "two BCUs of one name",
            Box::new(|t: &str| t.replacen("South West,", "Central West,", 1)),
            "bcus.csv:3: column `bcu_name`: expected a name no other row uses, found `Central West`, already the name on line 2",
        ),
    ];
    for (what, edit, want) in cases {
        let edited = edit(&original);
        assert_ne!(edited, original, "{what}: the edit applies");
        write(&dir, "bcus.csv", &edited);
        let err = data::load_folder(&dir).unwrap_err().to_string();
        assert!(err.contains(want), "{what}:\n{err}");
        let r = wardsim()
            .args(["data", "--dataset"])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(r.status.code(), Some(2), "{what}");
    }
    write(&dir, "bcus.csv", &original);
    assert!(data::load_folder(&dir).is_ok());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn grid_to_wgs84_lands_on_the_published_ward_centroids() {
    // wards.csv gives each centroid in British National Grid and in WGS84; the
    // Helmert transformation is good to about 5 m.
    let mut r = csv::Reader::from_path(root().join("data/london/wards.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let at = |n: &str| h.iter().position(|x| x == n).unwrap();
    let mut worst: f64 = 0.0;
    let mut n = 0;
    for row in r.records() {
        let row = row.unwrap();
        let num = |c: &str| row[at(c)].parse::<f64>().unwrap();
        let [lon, lat] =
            wardsim::data::grid_to_wgs84(num("centroid_easting"), num("centroid_northing"));
        let dy = (lat - num("centroid_lat")) * 111_200.0;
        let dx = (lon - num("centroid_lon")) * 111_200.0 * lat.to_radians().cos();
        worst = worst.max(dx.hypot(dy));
        n += 1;
    }
    assert_eq!(n, 629);
    assert!(worst < 10.0, "worst centroid {worst:.1} m away");
}
