//! The marker every output folder carries (`.wardsim-output.json`: which
//! product, which scenario files and hashes wrote it), and the rule it serves:
//! wardsim replaces only folders it wrote, and says so before replacing the
//! results of another scenario file that happens to share the folder's name.
//!
//! This module only reads and compares markers; `atomic` writes folders.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The marker's file name inside an output folder.
pub const MARKER: &str = ".wardsim-output.json";

/// What wrote an output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// Always `wardsim`.
    pub tool: String,
    /// `run`, `sweep` or `compare`.
    pub product: String,
    /// The scenario files, as given, and their scenarios' hashes.
    pub scenario_files: Vec<String>,
    pub scenario_hashes: Vec<String>,
}

impl Marker {
    /// A marker for `product` written from these (file, hash) pairs.
    pub fn new<'a>(product: &str, sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Marker {
        let (mut files, mut hashes) = (Vec::new(), Vec::new());
        for (f, h) in sources {
            if !files.iter().any(|x: &String| x == f) {
                files.push(f.to_string());
            }
            hashes.push(h.to_string());
        }
        Marker {
            tool: "wardsim".into(),
            product: product.into(),
            scenario_files: files,
            scenario_hashes: hashes,
        }
    }

    /// The marker as the bytes of its file.
    pub fn render(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).expect("plain data serialises");
        v.push(b'\n');
        v
    }
}

/// The same file, however it was named (`./a.toml` and `a.toml`).
fn same_file(a: &str, b: &str) -> bool {
    match (Path::new(a).canonicalize(), Path::new(b).canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Whether `dir` may be replaced by a folder of `new`: yes if it does not
/// exist, or wardsim wrote it from the same scenario files (or `force`); never
/// if wardsim did not write it. The error says why, in words.
pub fn may_replace(dir: &Path, new: &Marker, force: bool) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(format!(
            "{} exists and is not a folder; choose another --out",
            dir.display()
        ));
    }
    // An empty folder holds nothing to lose.
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()) {
        return Ok(());
    }
    let not_ours = || {
        format!(
            "{} exists and was not written by wardsim (it has no {MARKER}); wardsim replaces only \
             its own output folders: move it away, or choose another --out or scenario `name`",
            dir.display()
        )
    };
    let text = std::fs::read(dir.join(MARKER)).map_err(|_| not_ours())?;
    let old: Marker = serde_json::from_slice(&text).map_err(|_| not_ours())?;
    if old.tool != "wardsim" {
        return Err(not_ours());
    }
    let same = old.scenario_files.len() == new.scenario_files.len()
        && old
            .scenario_files
            .iter()
            .zip(&new.scenario_files)
            .all(|(a, b)| same_file(a, b));
    if same || force {
        return Ok(());
    }
    Err(format!(
        "{} holds the results of {}, not of {} (a copied scenario keeps the original's `name`); \
         give this scenario a `name` of its own, choose another --out, or add --force to replace them",
        dir.display(),
        old.scenario_files.join(", "),
        new.scenario_files.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(label: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("wardsim-marker-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn only_folders_wardsim_wrote_from_the_same_files_are_replaced() {
        let d = dir("rule");
        let m = Marker::new("run", [("a.toml", "h1")]);
        assert!(may_replace(&d, &m, false).is_ok(), "a new folder");
        std::fs::create_dir_all(&d).unwrap();
        assert!(may_replace(&d, &m, false).is_ok(), "an empty folder");
        std::fs::write(d.join("thesis.txt"), "mine").unwrap();
        let e = may_replace(&d, &m, false).unwrap_err();
        assert!(e.contains("was not written by wardsim"), "{e}");
        assert!(
            may_replace(&d, &m, true).is_err(),
            "--force never takes a user's folder"
        );
        std::fs::write(d.join(MARKER), m.render()).unwrap();
        assert!(may_replace(&d, &Marker::new("run", [("a.toml", "h2")]), false).is_ok());
        let other = Marker::new("run", [("copy.toml", "h1")]);
        let e = may_replace(&d, &other, false).unwrap_err();
        assert!(
            e.contains("holds the results of a.toml, not of copy.toml"),
            "{e}"
        );
        assert!(may_replace(&d, &other, true).is_ok());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
