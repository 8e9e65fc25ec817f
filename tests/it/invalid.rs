//! One fixture per diagnostic: `wardsim check` prints exactly the expected
//! message (file:line:column, expected, found) and exits with code 2.

use super::common::{root, wardsim};

#[test]
fn every_invalid_fixture_gives_its_message_and_exit_code_2() {
    let dir = root().join("tests/fixtures/invalid");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        // A build with HiGHS accepts `solver = "highs"`.
        .filter(|p| !(cfg!(feature = "highs") && p.ends_with("solver_not_built.toml")))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 15, "fixtures missing");
    let mut failures = Vec::new();
    for f in &fixtures {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let out = wardsim()
            .current_dir(&dir)
            .args(["check", &name])
            .output()
            .unwrap();
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2) {
            failures.push(format!("{name}: exit {:?}, want 2", out.status.code()));
        }
        if stderr != expected {
            failures.push(format!(
                "{name}: stderr differs\n--- got\n{stderr}--- want\n{expected}"
            ));
        }
        assert!(
            out.stdout.is_empty(),
            "{name}: nothing on stdout for bad input"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_diagnostic_names_file_line_and_column() {
    let dir = root().join("tests/fixtures/invalid");
    for e in std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "expected") {
            let text = std::fs::read_to_string(&p).unwrap();
            for line in text.lines().filter(|l| l.contains(": error: ")) {
                let loc: Vec<&str> = line
                    .split(": error: ")
                    .next()
                    .unwrap()
                    .rsplitn(3, ':')
                    .collect();
                assert_eq!(loc.len(), 3, "{line}");
                assert!(
                    loc[0].parse::<usize>().unwrap() >= 1 && loc[1].parse::<usize>().unwrap() >= 1,
                    "{line}"
                );
            }
        }
    }
}
