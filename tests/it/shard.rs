//! Sharded runs end to end through the binary: shards merged give byte for byte
//! the files of a whole run; merge names what is wrong with parts that do not
//! belong together; a failed shard can be re-run alone; a killed shard leaves no
//! part file behind.

use std::path::{Path, PathBuf};

use super::common::{assert_ok, root, temp_dir, wardsim, wardsim_ok};

/// Every file under `dir`, relative path → bytes, sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn assert_same_tree(a: &Path, b: &Path) {
    let (x, y) = (tree(a), tree(b));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&x), names(&y));
    for ((name, bx), (_, by)) in x.iter().zip(&y) {
        assert!(
            bx == by,
            "{name} differs between the whole run and the merge"
        );
    }
}

/// Runs shards `which` of `count` of `args` into `parts`.
fn shards(args: &[&str], which: &[u64], count: u64, parts: &Path) {
    for k in which {
        let spec = format!("{k}/{count}");
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["--quiet", "--shard", &spec]);
        wardsim_ok(&a, parts);
    }
}

fn merge(parts: &[PathBuf], out: &Path) -> std::process::Output {
    merge_with(parts, out, &["--quiet", "--no-charts"])
}

fn merge_with(parts: &[PathBuf], out: &Path, flags: &[&str]) -> std::process::Output {
    wardsim()
        .current_dir(root())
        .arg("merge")
        .args(parts)
        .arg("--out")
        .arg(out)
        .args(flags)
        .output()
        .unwrap()
}

fn part_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

const SWEEP: &[&str] = &[
    "run",
    "scenarios/sweep-pool-two-pcs.toml",
    "scenarios/bcu-2018.toml",
    "--draws",
    "700",
    "--no-charts",
];

#[test]
fn a_sharded_batch_with_a_sweep_merges_to_the_whole_runs_bytes() {
    let dir = temp_dir("shard-sweep");
    wardsim_ok(&[SWEEP, &["--quiet"]].concat(), &dir.join("whole"));
    // Shards run in any order, one of them with more threads.
    shards(SWEEP, &[3, 1], 3, &dir.join("parts"));
    let mut two = SWEEP.to_vec();
    two.extend(["--threads", "1"]);
    shards(&two, &[2], 3, &dir.join("parts"));
    let parts = part_files(&dir.join("parts"));
    assert_eq!(parts.len(), 3);
    let r = merge(&parts, &dir.join("merged"));
    assert_ok(&r);
    assert_same_tree(&dir.join("whole"), &dir.join("merged"));
    // A folder of parts is accepted as well.
    let r = merge(&[dir.join("parts")], &dir.join("merged-folder"));
    assert_ok(&r);
    assert_same_tree(&dir.join("whole"), &dir.join("merged-folder"));
}

#[test]
fn a_sharded_comparison_merges_to_the_whole_comparison_charts_included() {
    let dir = temp_dir("shard-compare");
    let args = [
        "compare",
        "scenarios/status-quo-2016.toml",
        "scenarios/two-pcs-per-ward.toml",
        "--draws",
        "600",
    ];
    wardsim_ok(&[&args[..], &["--quiet"]].concat(), &dir.join("whole"));
    // More shards than a task has chunks: some shards hold a single chunk.
    shards(&args, &[1, 2, 3, 4], 4, &dir.join("parts"));
    let r = merge_with(&[dir.join("parts")], &dir.join("merged"), &[]);
    assert_ok(&r);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(stdout.contains("merging 4 shards"), "{stdout}");
    assert!(dir.join("merged/report.html").exists());
    assert_same_tree(&dir.join("whole"), &dir.join("merged"));
}

#[test]
fn merge_names_missing_repeated_and_foreign_parts() {
    let dir = temp_dir("shard-bad");
    let run = ["run", "scenarios/two-pcs-per-ward.toml", "--draws", "1000"];
    shards(&run, &[1, 2, 3, 4], 4, &dir.join("a"));
    let other = ["run", "scenarios/status-quo-2016.toml", "--draws", "1000"];
    shards(&other, &[1], 4, &dir.join("b"));
    let a = part_files(&dir.join("a"));
    let b = part_files(&dir.join("b"));
    let fails = |parts: Vec<PathBuf>, wants: &[&str]| {
        let r = merge(&parts, &dir.join("out"));
        let err = String::from_utf8_lossy(&r.stderr).to_string();
        assert_eq!(r.status.code(), Some(2), "{err}");
        for w in wants {
            assert!(err.contains(w), "wanted `{w}` in:\n{err}");
        }
        assert!(
            !dir.join("out").exists(),
            "nothing is written on a failed merge"
        );
    };
    fails(
        vec![a[0].clone(), a[1].clone(), a[3].clone()],
        &["shard 3 of 4 is missing", "draws 512..768", "--shard 3/4"],
    );
    fails(
        vec![
            a[0].clone(),
            a[1].clone(),
            a[1].clone(),
            a[2].clone(),
            a[3].clone(),
        ],
        &["shard 2 of 4 is given 2 times"],
    );
    fails(
        vec![a[0].clone(), a[1].clone(), a[2].clone(), b[0].clone()],
        &[
            "come from different runs",
            "scenarios status-quo-2016 vs two-pcs-per-ward",
        ],
    );
    // Another split of the same run.
    shards(&run, &[3], 3, &dir.join("c"));
    fails(
        vec![a[0].clone(), part_files(&dir.join("c"))[0].clone()],
        &["shard 3 of 3, but", "one split"],
    );
    // Damaged or altered files.
    let text = std::fs::read_to_string(&a[0]).unwrap();
    let cut = dir.join("cut.part-1-of-4.json");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    fails(vec![cut], &["cut.part-1-of-4.json:1:"]);
    let altered = dir.join("altered.part-1-of-4.json");
    std::fs::write(&altered, text.replacen("\"seed\":", "\"seed\":1", 1)).unwrap();
    fails(
        vec![altered, a[1].clone(), a[2].clone(), a[3].clone()],
        &["does not match its contents"],
    );
    let not_a_part = dir.join("x.json");
    std::fs::write(&not_a_part, "{\"summary\": 1}").unwrap();
    fails(vec![not_a_part], &["expected a wardsim part file"]);
}

#[test]
fn a_failed_shard_is_rerun_alone_and_a_killed_one_leaves_no_part() {
    let dir = temp_dir("shard-fault");
    let run = [
        "run",
        "scenarios/status-quo-2016.toml",
        "--draws",
        "900",
        "--no-charts",
    ];
    wardsim_ok(&[&run[..], &["--quiet"]].concat(), &dir.join("whole"));
    let parts = dir.join("parts");
    // Shard 2 is killed part-way: far more draws than it could finish in time.
    let mut killed = wardsim()
        .current_dir(root())
        .args([
            "run",
            "scenarios/status-quo-2016.toml",
            "--draws",
            "5000000",
        ])
        .args(["--shard", "2/3", "--quiet", "--out"])
        .arg(&parts)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    killed.kill().unwrap();
    killed.wait().unwrap();
    shards(&run, &[1, 3], 3, &parts);
    let listed: Vec<String> = std::fs::read_dir(&parts)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !listed.iter().any(|n| n.contains("part-2-of-3")),
        "a killed shard left {listed:?}"
    );
    let r = merge(std::slice::from_ref(&parts), &dir.join("merged"));
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("shard 2 of 3 is missing"));
    // Re-run the failed shard alone, as a scheduler would: from the environment.
    let r = wardsim()
        .current_dir(root())
        .args(run)
        .args(["--quiet", "--shards", "3", "--out"])
        .arg(&parts)
        .env("SLURM_ARRAY_TASK_ID", "2")
        .env("SLURM_ARRAY_TASK_MIN", "2")
        .env("SLURM_ARRAY_TASK_MAX", "2")
        .env("SLURM_ARRAY_TASK_COUNT", "1")
        .output()
        .unwrap();
    assert_ok(&r);
    let r = merge(&[parts], &dir.join("merged"));
    assert_ok(&r);
    assert_same_tree(&dir.join("whole"), &dir.join("merged"));
}

#[test]
fn shards_come_from_slurm_and_kubernetes_variables() {
    let dir = temp_dir("shard-env");
    let base = [
        "run",
        "scenarios/status-quo-2016.toml",
        "--draws",
        "600",
        "--quiet",
    ];
    let go = |vars: &[(&str, &str)], extra: &[&str]| {
        let mut c = wardsim();
        c.current_dir(root())
            .args(base)
            .args(extra)
            .arg("--out")
            .arg(&dir);
        for (k, v) in vars {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let slurm = [
        ("SLURM_ARRAY_TASK_ID", "2"),
        ("SLURM_ARRAY_TASK_MIN", "1"),
        ("SLURM_ARRAY_TASK_MAX", "3"),
        ("SLURM_ARRAY_TASK_COUNT", "3"),
    ];
    assert_eq!(go(&slurm, &[]).status.code(), Some(0));
    assert!(dir.join("status-quo-2016.part-2-of-3.json").exists());
    assert_eq!(
        go(&[("JOB_COMPLETION_INDEX", "0")], &["--shards", "2"])
            .status
            .code(),
        Some(0)
    );
    assert!(dir.join("status-quo-2016.part-1-of-2.json").exists());
    let r = go(&[("JOB_COMPLETION_INDEX", "0")], &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--shards N"));
    // `--shard off` runs whole inside an array.
    let r = go(&slurm, &["--shard", "off", "--no-charts"]);
    assert_eq!(r.status.code(), Some(0));
    assert!(dir.join("status-quo-2016/summary.json").exists());
    let r = go(&[], &["--shard", "5/4"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("expected K/N"));
}

#[test]
fn merge_refuses_changed_scenarios() {
    let dir = temp_dir("shard-changed");
    let file = dir.join("mine.toml");
    let text = std::fs::read_to_string(root().join("scenarios/two-pcs-per-ward.toml")).unwrap();
    std::fs::write(&file, &text).unwrap();
    let f = file.display().to_string();
    let args = ["run", f.as_str(), "--draws", "300"];
    shards(&args, &[1, 2], 2, &dir.join("parts"));
    let changed = text.replacen("officers = 18000", "officers = 17000", 1);
    assert_ne!(changed, text);
    std::fs::write(&file, changed).unwrap();
    let r = merge(&part_files(&dir.join("parts")), &dir.join("out"));
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("has changed since the shards ran"), "{err}");
}

#[test]
fn an_optimised_scenario_shards_without_its_report_and_merges_with_it() {
    let dir = temp_dir("shard-optimise");
    let text = std::fs::read_to_string(root().join("scenarios/two-pcs-optimised.toml"))
        .unwrap()
        .replace("in_sample_draws = 200", "in_sample_draws = 20");
    let file = dir.join("optimised.toml");
    std::fs::write(&file, text).unwrap();
    let f = file.display().to_string();
    let args = ["run", f.as_str(), "--draws", "600", "--no-charts"];
    wardsim_ok(&[&args[..], &["--quiet"]].concat(), &dir.join("whole"));
    shards(&args, &[1, 2], 2, &dir.join("parts"));
    let r = merge(&part_files(&dir.join("parts")), &dir.join("merged"));
    assert_ok(&r);
    assert_same_tree(&dir.join("whole"), &dir.join("merged"));
    let summary =
        std::fs::read_to_string(dir.join("merged/two-pcs-optimised/summary.json")).unwrap();
    assert!(
        summary.contains("\"out_of_sample\""),
        "the merge reports the optimiser"
    );
}
