//! Writing an output folder so that a failed run leaves no half-written file and a
//! good earlier result is replaced only by a complete new one: files go to a
//! hidden sibling folder, which is renamed into place at the end. File names may
//! contain `/` to write sub-folders.
//!
//! One write at a time holds a process-wide lock, so an interrupt handler can wait
//! for the folder being written before the process stops (`hold_writes`). What an
//! earlier process left when it was killed mid-write (a hidden `.<name>.partial-PID`
//! or `.<name>.old-PID` of a process that is gone) is cleaned up before the next
//! write into the same place: an `.old` folder whose result is missing is put back.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

static WRITING: Mutex<()> = Mutex::new(());

/// Waits for any folder or file being written to be complete, and keeps others
/// from starting while the guard lives.
pub fn hold_writes() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether process `pid` is running (where the system says; elsewhere it is
/// taken to be gone).
fn alive(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists())
}

/// `.<name>.<kind>-<pid>` → (name, pid).
fn leftover<'a>(file: &'a str, kind: &str) -> Option<(&'a str, u32)> {
    let rest = file.strip_prefix('.')?;
    let (name, pid) = rest.rsplit_once(&format!(".{kind}-"))?;
    if name.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((name, pid.parse().ok()?))
}

/// Cleans what killed processes left in `parent`: their half-written staging is
/// removed; an earlier result they had moved aside is put back where no result
/// now stands, and removed where one does.
pub fn recover_leftovers(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    for file in names {
        let path = parent.join(&file);
        if let Some((_, pid)) = leftover(&file, "partial") {
            if !alive(pid) {
                let _ = if path.is_dir() {
                    fs::remove_dir_all(&path)
                } else {
                    fs::remove_file(&path)
                };
            }
        } else if let Some((name, pid)) = leftover(&file, "old")
            && !alive(pid)
        {
            let target = parent.join(name);
            if target.exists() {
                let _ = fs::remove_dir_all(&path);
            } else {
                let _ = fs::rename(&path, &target);
            }
        }
    }
}

/// Writes every file into `dir`, or nothing: an earlier `dir` is replaced only by a
/// complete new one.
pub fn write_folder<N: AsRef<str>>(dir: &Path, files: &[(N, Vec<u8>)]) -> std::io::Result<()> {
    let _writing = hold_writes();
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&parent)?;
    recover_leftovers(&parent);
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
    let _writing = hold_writes();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&parent)?;
    recover_leftovers(&parent);
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
    fn leftover_names_are_read_exactly() {
        assert_eq!(leftover(".run.old-123", "old"), Some(("run", 123)));
        assert_eq!(leftover(".a.b.partial-7", "partial"), Some(("a.b", 7)));
        assert_eq!(leftover("run.old-123", "old"), None);
        assert_eq!(leftover(".run.old-12x", "old"), None);
        assert_eq!(leftover(".run.old-", "old"), None);
        assert_eq!(leftover("..old-5", "old"), None);
    }

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
