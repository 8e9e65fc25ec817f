//! Malformed and extreme input, generated from the shipped scenarios and the
//! London dataset by seeded mutation: whatever the input, wardsim never panics;
//! a scenario it refuses names a line and column; a dataset it refuses names
//! the file; one it accepts runs (a few weeks) to finite figures or is refused in
//! words; and the command line exits 0, 1 or 2 without leaving partial output.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::common::{root, temp_dir, wardsim, write};
use wardsim::data;
use wardsim::montecarlo::NoProgress;
use wardsim::pipeline;
use wardsim::scenario::{self, DatasetCache, LoadError};

/// A small seeded generator (SplitMix64), so every case can be rerun.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Values that break naive readers: out of range, not finite, wrong type.
const VALUES: [&str; 16] = [
    "-1",
    "0",
    "1e308",
    "-1e308",
    "1e-300",
    "nan",
    "inf",
    "\"text\"",
    "[]",
    "{}",
    "true",
    "4294967296",
    "0.5",
    "[1, 2]",
    "\"\"",
    "99999999999",
];
const SNIPPETS: [&str; 10] = [
    "=",
    "[",
    "]",
    "\"",
    "\n",
    "[[variant]]\n",
    "[sweep]\n",
    "x = 1\n",
    "\u{0}",
    "é",
];

/// One mutation of a scenario's text.
fn mutate(text: &str, g: &mut Gen) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    if lines.is_empty() {
        return text.to_string();
    }
    for _ in 0..1 + g.below(3) {
        let k = g.below(lines.len());
        match g.below(5) {
            // A value replaced.
            0 | 1 => {
                if let Some((key, _)) = lines[k].split_once('=') {
                    lines[k] = format!("{key}= {}", g.pick(&VALUES));
                }
            }
            // Characters inserted.
            2 => {
                let at = g.below(lines[k].len() + 1);
                let at = (0..=at)
                    .rev()
                    .find(|&i| lines[k].is_char_boundary(i))
                    .unwrap_or(0);
                lines[k].insert_str(at, g.pick(&SNIPPETS));
            }
            // A line repeated or dropped.
            3 => {
                let l = lines[k].clone();
                lines.insert(k, l);
            }
            _ => {
                lines.remove(k);
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

/// What happened to a case.
#[derive(Default)]
struct Tally {
    refused: usize,
    ran: usize,
}

/// Parses and, if accepted, runs a few weeks of a scenario text; returns what
/// went wrong, if anything.
fn check_scenario(text: &str, cache: &mut DatasetCache, tally: &mut Tally) -> Option<String> {
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        scenario::parse("fuzz.toml", text, "fuzz", Path::new("."), cache)
    }));
    match parsed {
        Err(_) => Some("panicked while reading".into()),
        Ok(Err(LoadError::Scenario(d))) => {
            tally.refused += 1;
            let bad: Vec<_> =
                d.0.iter()
                    .filter(|x| x.line == 0 || x.column == 0)
                    .collect();
            (!bad.is_empty() || d.0.is_empty()).then(|| format!("refused without a position: {d}"))
        }
        Ok(Err(LoadError::Data(_))) => None,
        Ok(Ok(mut s)) => {
            s.params.run.draws = 3;
            s.params.allocation.optimise.in_sample_draws =
                s.params.allocation.optimise.in_sample_draws.min(8);
            let ran = catch_unwind(AssertUnwindSafe(|| pipeline::run(&s, &NoProgress)));
            match ran {
                Err(_) => Some("panicked while running".into()),
                Ok(Err(_)) => None, // refused in words (e.g. infeasible)
                Ok(Ok(run)) => {
                    tally.ran += 1;
                    let nan = run
                        .summary
                        .london
                        .iter()
                        .filter_map(|(m, e)| e.map(|e| (m, e.mean)))
                        .find(|(_, v)| !v.is_finite());
                    nan.map(|(m, v)| format!("London {m} is {v}"))
                }
            }
        }
    }
}

#[test]
fn mutated_scenarios_are_refused_with_a_position_or_run_without_panicking() {
    let mut g = Gen(20161231);
    let mut cache = DatasetCache::default();
    let sources: Vec<String> = [
        "status-quo-2016.toml",
        "two-pcs-optimised.toml",
        "bcu-2018.toml",
        "template.toml",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(root().join("scenarios").join(f)).unwrap())
    .collect();
    let mut failures = Vec::new();
    let mut tally = Tally::default();
    for case in 0..240 {
        let text = mutate(&sources[case % sources.len()], &mut g);
        if let Some(problem) = check_scenario(&text, &mut cache, &mut tally) {
            failures.push(format!("case {case}: {problem}\n{text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n----\n"));
    // The cases cover both sides: refused, and accepted and run.
    assert!(
        tally.refused >= 60 && tally.ran >= 30,
        "refused {}, ran {}",
        tally.refused,
        tally.ran
    );
}

#[test]
fn mutated_datasets_are_refused_with_their_file_or_load() {
    let src = root().join("data/london");
    let files = [
        "wards.csv",
        "boroughs.csv",
        "bcus.csv",
        "ward_adjacency.csv",
        "ward_crime_monthly_201703_201902.csv",
    ];
    let originals: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(src.join(f)).unwrap())
        .collect();
    let cells = [
        "",
        "-5",
        "1e308",
        "nan",
        "x",
        "E09000001",
        "0",
        "\"a,b\"",
        "2,3",
    ];
    let mut g = Gen(42);
    let dir = temp_dir("fuzz-data");
    let mut failures = Vec::new();
    for case in 0..60 {
        for (f, text) in files.iter().zip(&originals) {
            std::fs::write(dir.join(f), text).unwrap();
        }
        // Mutate a few cells (or a header) of one file.
        let k = g.below(files.len());
        let mut lines: Vec<String> = originals[k].lines().map(String::from).collect();
        for _ in 0..1 + g.below(4) {
            let l = g.below(lines.len());
            let mut row: Vec<String> = lines[l].split(',').map(String::from).collect();
            let c = g.below(row.len());
            row[c] = g.pick(&cells).to_string();
            lines[l] = row.join(",");
        }
        std::fs::write(dir.join(files[k]), lines.join("\n") + "\n").unwrap();
        match catch_unwind(|| data::load_folder(&dir)) {
            Err(_) => failures.push(format!("case {case}: panicked on {}", files[k])),
            Ok(Err(e)) => {
                let text = e.to_string();
                if !text.contains(files[k]) {
                    failures.push(format!(
                        "case {case}: refused without naming {}: {text}",
                        files[k]
                    ));
                }
            }
            Ok(Ok(_)) => {
                // An accepted dataset runs a few weeks to finite figures, or
                // is refused in words.
                let text = format!(
                    "schema_version = 1\ndataset = \"{}\"\n[run]\ndraws = 3\n",
                    dir.display()
                );
                let mut cache = DatasetCache::default();
                let mut tally = Tally::default();
                if let Some(problem) = check_scenario(&text, &mut cache, &mut tally) {
                    failures.push(format!("case {case} ({}): {problem}", files[k]));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_command_line_exits_0_1_or_2_and_leaves_no_partial_output() {
    let mut g = Gen(7);
    let base = std::fs::read_to_string(root().join("scenarios/status-quo-2016.toml")).unwrap();
    let dir = temp_dir("fuzz-cli");
    for case in 0..16 {
        let text = mutate(&base, &mut g);
        write(&dir, "case.toml", &text);
        let out = wardsim()
            .current_dir(&dir)
            .args([
                "run",
                "case.toml",
                "--draws",
                "4",
                "--quiet",
                "--no-charts",
                "--force",
                "--out",
                "out",
            ])
            .output()
            .unwrap();
        let code = out.status.code();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(code, Some(0..=2)),
            "case {case}: exit {code:?}\n{err}\n{text}"
        );
        if code == Some(2) {
            assert!(
                err.contains("case.toml:") || err.contains(".csv"),
                "case {case}: {err}"
            );
        }
        if dir.join("out").exists() {
            for e in std::fs::read_dir(dir.join("out")).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                assert!(!name.starts_with('.'), "case {case}: left {name}");
            }
        }
    }
}
