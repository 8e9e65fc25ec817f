//! Writing an output folder so that a failed run leaves no half-written file and a
//! good earlier result is replaced only by a complete new one: files go to a
//! hidden sibling folder, which is renamed into place at the end. File names may
//! contain `/` to write sub-folders.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes every file into `dir`, or nothing: an earlier `dir` is replaced only by a
/// complete new one.
pub fn write_folder<N: AsRef<str>>(dir: &Path, files: &[(N, Vec<u8>)]) -> std::io::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&parent)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.partial-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir(&staging)?;
    let result = (|| {
        for (file, bytes) in files {
            let path = staging.join(file.as_ref());
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut f = fs::File::create(path)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        if dir.exists() {
            fs::rename(dir, &old)?;
        }
        fs::rename(&staging, dir)?;
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
        if old.exists() && !dir.exists() {
            let _ = fs::rename(&old, dir);
        }
    }
    result
}

/// Writes one file atomically: a hidden sibling first, renamed into place once
/// complete, so a failed write never leaves a truncated file under `path`.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&staging)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&staging, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_folder_whole() {
        let base = std::env::temp_dir().join(format!("wardsim-atomic-{}", std::process::id()));
        let dir = base.join("run");
        write_folder(
            &dir,
            &[("a.txt", b"one".to_vec()), ("b.txt", b"two".to_vec())],
        )
        .unwrap();
        write_folder(&dir, &[("a.txt", b"three".to_vec())]).unwrap();
        assert_eq!(fs::read(dir.join("a.txt")).unwrap(), b"three");
        assert!(
            !dir.join("b.txt").exists(),
            "a new result replaces the old folder whole"
        );
        let leftovers: Vec<_> = fs::read_dir(&base)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty());
        fs::remove_dir_all(&base).unwrap();
    }
}
