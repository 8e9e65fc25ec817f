//! The layout keeps its promises: stages import only stages below them, no two
//! files import each other (directly or round a loop), and no source file grows
//! past the size where it does two jobs. Read from the `crate::` and `super::`
//! paths in `src/`, with a folder's re-exports (`pub use child::Item`) followed
//! to the file that defines the item.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::common::root;

/// The stages from the bottom up: each may import only those before it.
const LAYERS: [&str; 14] = [
    "stats",
    "model",
    "chart",
    "data",
    "scenario",
    "plan",
    "week",
    "montecarlo",
    "allocation",
    "report",
    "shard",
    "pipeline",
    "validation",
    "cli",
];

/// Longest source file, in lines, before it must be split.
const MAX_LINES: usize = 500;

/// A source file: its module path (`report::run::charts`) and text without its
/// tests and comments.
struct Source {
    module: Vec<String>,
    is_mod: bool,
    text: String,
}

fn sources() -> BTreeMap<PathBuf, Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = root().join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap().to_path_buf();
        if rel == Path::new("main.rs") {
            continue;
        }
        let mut module: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let is_mod = matches!(module.last().map(String::as_str), Some("mod" | "lib"));
        if is_mod {
            module.pop();
        }
        let raw = std::fs::read_to_string(&f).unwrap();
        let code = raw.split("#[cfg(test)]").next().unwrap();
        let text = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(
            rel,
            Source {
                module,
                is_mod,
                text,
            },
        );
    }
    out
}

/// Every path a text names after `crate::` or `super::`, braces expanded, as
/// (`crate` or `super`, segments).
fn paths(text: &str) -> Vec<(&'static str, Vec<String>)> {
    fn ident(s: &[u8], mut i: usize) -> (String, usize) {
        let start = i;
        while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
            i += 1;
        }
        (String::from_utf8_lossy(&s[start..i]).into_owned(), i)
    }
    /// Reads `a::b::{c, d::e}` from `i`, prefixing `base`.
    fn read(s: &[u8], mut i: usize, base: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
        let mut path = base;
        loop {
            if s.get(i) == Some(&b'{') {
                i += 1;
                loop {
                    while i < s.len() && (s[i] as char).is_whitespace() {
                        i += 1;
                    }
                    if s.get(i) == Some(&b'}') {
                        return i + 1;
                    }
                    i = read(s, i, path.clone(), out);
                    while i < s.len() && s[i] != b',' && s[i] != b'}' {
                        i += 1;
                    }
                    if s.get(i) == Some(&b',') {
                        i += 1;
                    }
                }
            }
            let (name, j) = ident(s, i);
            if name.is_empty() {
                out.push(path);
                return i;
            }
            path.push(name);
            i = j;
            if s[i..].starts_with(b"::") {
                i += 2;
            } else {
                out.push(path);
                return i;
            }
        }
    }
    let s = text.as_bytes();
    let mut found = Vec::new();
    for (kind, needle) in [("crate", "crate::"), ("super", "super::")] {
        let mut from = 0;
        while let Some(k) = text[from..].find(needle) {
            let at = from + k;
            let boundary = at == 0 || !(s[at - 1].is_ascii_alphanumeric() || s[at - 1] == b'_');
            from = at + needle.len();
            if !boundary {
                continue;
            }
            let mut got = Vec::new();
            read(s, from, Vec::new(), &mut got);
            found.extend(got.into_iter().map(|p| (kind, p)));
        }
    }
    found
}

/// Which file each module path is, and which file each re-exported item of a
/// folder module comes from.
struct Index {
    files: HashMap<Vec<String>, PathBuf>,
    reexports: HashMap<(Vec<String>, String), Vec<String>>,
}

impl Index {
    fn new(src: &BTreeMap<PathBuf, Source>) -> Index {
        let files = src
            .iter()
            .map(|(f, s)| (s.module.clone(), f.clone()))
            .collect();
        let mut reexports = HashMap::new();
        for s in src.values().filter(|s| s.is_mod) {
            for line in s.text.split(';') {
                let line = line.trim();
                let Some(rest) = line
                    .strip_prefix("pub use ")
                    .or_else(|| line.strip_prefix("pub(crate) use "))
                    .or_else(|| line.strip_prefix("pub(in crate::report) use "))
                else {
                    continue;
                };
                let child: String = rest.chars().take_while(|c| *c != ':').collect();
                let mut items = Vec::new();
                let text = format!("x::{}", &rest[child.len()..].trim_start_matches("::"));
                for (_, p) in paths(&format!("super::{text}")) {
                    if let Some(last) = p.last() {
                        items.push(last.clone());
                    }
                }
                let mut child_module = s.module.clone();
                child_module.push(child);
                for item in items {
                    reexports.insert((s.module.clone(), item), child_module.clone());
                }
            }
        }
        Index { files, reexports }
    }

    /// The file a path from `module` names: its longest prefix that is a
    /// module, followed through that module's re-exports.
    fn resolve(&self, mut path: Vec<String>) -> Option<PathBuf> {
        for _ in 0..8 {
            let mut k = path.len();
            while k > 0 && !self.files.contains_key(&path[..k]) {
                k -= 1;
            }
            if k == 0 {
                return None;
            }
            let module = path[..k].to_vec();
            match path.get(k) {
                Some(item) if self.reexports.contains_key(&(module.clone(), item.clone())) => {
                    let mut next = self.reexports[&(module, item.clone())].clone();
                    next.extend(path[k..].iter().cloned());
                    path = next;
                }
                _ => return self.files.get(&module).cloned(),
            }
        }
        None
    }
}

/// File → files it imports (a folder module's own re-exports of its children
/// are its structure, not imports).
fn graph() -> (
    BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    BTreeMap<PathBuf, Source>,
) {
    let src = sources();
    let index = Index::new(&src);
    let mut g: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (file, s) in &src {
        let edges = g.entry(file.clone()).or_default();
        for (kind, p) in paths(&s.text) {
            let mut full = match kind {
                "crate" => Vec::new(),
                _ => {
                    let mut m = s.module.clone();
                    m.pop();
                    m
                }
            };
            full.extend(p);
            let Some(target) = index.resolve(full) else {
                continue;
            };
            let target_module = &src[&target].module;
            let own_child = s.is_mod && target_module.starts_with(&s.module);
            if target != *file && !own_child {
                edges.insert(target);
            }
        }
    }
    (g, src)
}

#[test]
fn no_stage_imports_a_stage_above_it() {
    let (g, src) = graph();
    let layer = |f: &PathBuf| {
        let top = src[f].module.first().cloned().unwrap_or_default();
        LAYERS.iter().position(|l| *l == top)
    };
    let mut wrong = Vec::new();
    for (from, tos) in &g {
        let Some(a) = layer(from) else { continue };
        for to in tos {
            if let Some(b) = layer(to)
                && b > a
            {
                wrong.push(format!("{} imports {}", from.display(), to.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "stages out of order:\n{}",
        wrong.join("\n")
    );
    // Every folder of src/ has its place in the order.
    for s in src.values() {
        if let Some(top) = s.module.first() {
            assert!(LAYERS.contains(&top.as_str()), "{top} is not in LAYERS");
        }
    }
}

#[test]
fn no_two_files_import_each_other_even_round_a_loop() {
    let (g, _) = graph();
    // Depth-first search for a back edge, reporting the loop it closes.
    fn visit(
        f: &PathBuf,
        g: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut HashMap<PathBuf, u8>,
        stack: &mut Vec<PathBuf>,
        loops: &mut Vec<String>,
    ) {
        state.insert(f.clone(), 1);
        stack.push(f.clone());
        for to in &g[f] {
            match state.get(to).copied().unwrap_or(0) {
                0 => visit(to, g, state, stack, loops),
                1 => {
                    let at = stack.iter().position(|x| x == to).unwrap();
                    let names: Vec<String> = stack[at..]
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect();
                    loops.push(format!("{} → {}", names.join(" → "), to.display()));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(f.clone(), 2);
    }
    let mut state = HashMap::new();
    let mut loops = Vec::new();
    for f in g.keys() {
        if !state.contains_key(f) {
            visit(f, &g, &mut state, &mut Vec::new(), &mut loops);
        }
    }
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn the_import_reader_finds_known_edges() {
    // The reader would pass vacuously if it found nothing: pin a few edges.
    let (g, _) = graph();
    let has = |a: &str, b: &str| g[&PathBuf::from(a)].contains(&PathBuf::from(b));
    assert!(has("montecarlo/simulate.rs", "week/evaluate.rs"));
    assert!(
        has("week/recourse.rs", "model/metric.rs") || has("week/outcome.rs", "model/metric.rs")
    );
    assert!(has("cli/run.rs", "pipeline/batch.rs"));
    assert!(has("report/run/files.rs", "report/csv.rs"));
    let total: usize = g.values().map(BTreeSet::len).sum();
    assert!(total > 200, "only {total} imports found");
}

#[test]
fn no_source_file_is_over_the_size_that_does_two_jobs() {
    let src = root().join("src");
    let mut long = Vec::new();
    for (f, _) in sources() {
        let n = std::fs::read_to_string(src.join(&f))
            .unwrap()
            .lines()
            .count();
        if n > MAX_LINES {
            long.push(format!("{} ({n} lines)", f.display()));
        }
    }
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}
