//! Interrupted runs (issue: an interrupted re-run could hide the previous
//! output): Ctrl-C or SIGTERM at any moment leaves either the previous complete
//! folder or the new complete one, never neither and never a half-written one;
//! and what a killed process left is cleaned up by the next run.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::common::{temp_dir, wardsim, write};

const SCENARIO: &str = "schema_version = 1\nname = \"kept\"\n[run]\ndraws = 3000\n";

/// The files of a complete run folder, with the marker.
fn complete(dir: &Path) -> bool {
    let summary = std::fs::read_to_string(dir.join("summary.json"));
    let parsed = summary
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
    parsed.is_some_and(|v| v["london"]["i_on_time"]["mean"].is_f64())
        && ["wards.csv", "units.csv", "boroughs.csv", "allocation.csv"]
            .iter()
            .all(|f| dir.join(f).is_file())
}

fn hidden_leftovers(out: &Path) -> Vec<String> {
    std::fs::read_dir(out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && (n.contains(".partial-") || n.contains(".old-")))
        .collect()
}

fn signal(pid: u32, name: &str) {
    let _ = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap(); // the process may already have finished
}

/// A process id that is certainly not running: a finished child's.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

#[test]
fn an_interrupt_at_any_moment_leaves_a_complete_folder() {
    let dir = temp_dir("interrupt");
    write(&dir, "kept.toml", SCENARIO);
    let run = || {
        let mut c = wardsim();
        c.current_dir(&dir)
            .args(["run", "kept.toml", "--quiet", "--no-charts", "--out", "out"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c
    };
    // A first, complete result.
    assert_eq!(run().status().unwrap().code(), Some(0));
    let kept = dir.join("out/kept");
    assert!(complete(&kept));
    // Re-runs over it, interrupted at moments spread over the whole run (about
    // a second here), most near its end, when the folder is being replaced; by
    // SIGINT or SIGTERM, and sometimes a second SIGINT.
    for (k, ms) in [
        0u64, 20, 100, 250, 400, 550, 700, 780, 830, 860, 880, 900, 920, 950, 1000, 1100,
    ]
    .iter()
    .enumerate()
    {
        let child = run().spawn().unwrap();
        std::thread::sleep(Duration::from_millis(*ms));
        let pid = child.id();
        signal(pid, if k % 3 == 2 { "TERM" } else { "INT" });
        if k % 4 == 3 {
            signal(pid, "INT");
        }
        let out = child.wait_with_output().unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(130)) || out.status.code().is_none(),
            "after {ms} ms: exit {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let twice = k % 4 == 3;
        if twice && !complete(&kept) {
            // A second signal stops at once, perhaps between the two renames
            // that replace the folder: the next writer puts the previous
            // result back before writing its own.
            assert_eq!(run().status().unwrap().code(), Some(0));
        }
        assert!(complete(&kept), "after {ms} ms no complete folder");
        if !twice {
            assert!(
                hidden_leftovers(&dir.join("out")).is_empty(),
                "after {ms} ms"
            );
        }
    }
    assert!(
        hidden_leftovers(&dir.join("out")).is_empty(),
        "{:?}",
        hidden_leftovers(&dir.join("out"))
    );
    // And exactly while the folder is being written: the signal is sent as soon
    // as the run's hidden staging folder appears. The run finishes writing,
    // then stops.
    for name in ["INT", "TERM", "INT"] {
        let child = run().spawn().unwrap();
        let pid = child.id();
        let staging = dir.join(format!("out/.kept.partial-{pid}"));
        let mut seen = false;
        for _ in 0..20_000 {
            if staging.exists() {
                seen = true;
                signal(pid, name);
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let out = child.wait_with_output().unwrap();
        assert!(seen, "the run never wrote its folder");
        assert!(
            matches!(out.status.code(), Some(0) | Some(130)),
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            complete(&kept),
            "interrupted while writing: no complete folder"
        );
        assert!(
            hidden_leftovers(&dir.join("out")).is_empty(),
            "interrupted while writing: {:?}",
            hidden_leftovers(&dir.join("out"))
        );
    }
}

#[test]
fn what_a_killed_run_left_is_cleaned_up_and_a_moved_result_put_back() {
    let dir = temp_dir("leftovers");
    write(
        &dir,
        "other.toml",
        "schema_version = 1\nname = \"other\"\n[run]\ndraws = 8\n",
    );
    let out = dir.join("out");
    let gone = dead_pid();
    // A result moved aside by a process killed between its two renames, with
    // no result in its place; and a half-written staging folder.
    write(&out, &format!(".thesis.old-{gone}/notes.txt"), "mine");
    write(&out, &format!(".other.partial-{gone}/summary.json"), "{");
    // A live process's staging is left alone.
    let live = std::process::id();
    write(&out, &format!(".busy.partial-{live}/x"), "in progress");
    let r = wardsim()
        .current_dir(&dir)
        .args([
            "run",
            "other.toml",
            "--quiet",
            "--no-charts",
            "--out",
            "out",
        ])
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("thesis/notes.txt")).unwrap(),
        "mine"
    );
    assert!(complete(&out.join("other")));
    assert_eq!(
        hidden_leftovers(&out),
        vec![format!(".busy.partial-{live}")]
    );
}
