//! The part file a shard writes: what was run (the `Record`, and its SHA-256
//! fingerprint), which shard this is, and for each task it touched the statistics
//! of the chunk ranges it computed. Every floating-point statistic is stored as
//! its IEEE-754 bit pattern (a JSON integer), so nothing is lost in the round
//! trip and the merge is exact. Written as compact JSON, one object per file.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::stats_record::PieceStats;
use super::work::Kind;
use crate::model::Allocation;

/// The `format` field of every part file.
pub const FORMAT: &str = "wardsim-part";
/// The layout of the part file this version writes and reads.
pub const FORMAT_VERSION: u32 = 2;

/// What was run: everything that must agree for parts to belong together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The version of wardsim that ran the shard.
    pub version: String,
    pub command: Kind,
    /// Scenario files as given on the command line (folders expanded).
    pub files: Vec<String>,
    /// Every scenario run, in order (sweep points included).
    pub scenarios: Vec<ScenarioRecord>,
    pub seed: u64,
    pub draws: u64,
    pub chunk_draws: u64,
    /// `--gap-batches`, if given.
    pub gap_batches: Option<u32>,
}

/// A scenario a shard ran: its name, file and hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRecord {
    pub name: String,
    pub file: String,
    /// The scenario hash of its provenance (SHA-256 of the resolved scenario).
    pub hash: String,
}

/// SHA-256 of a record: parts belong to the same run exactly when these agree.
pub fn fingerprint(record: &Record) -> String {
    hex(&Sha256::digest(
        serde_json::to_vec(record).expect("plain data serialises"),
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of an allocation's whole-officer counts, so a merge can tell that it
/// re-derived the very allocation the shards simulated.
pub fn allocation_fingerprint(a: &Allocation) -> String {
    let mut h = Sha256::new();
    h.update(a.method.as_str().as_bytes());
    for v in [
        &a.ward_officers,
        &a.pcsos,
        &a.response_officers,
        &a.other_officers,
        &a.overhead_officers,
    ] {
        h.update((v.len() as u64).to_le_bytes());
        for x in v {
            h.update(x.to_le_bytes());
        }
    }
    hex(&h.finalize())
}

/// A part file: the run's record, the shard's number and its tasks' pieces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Always `wardsim-part`.
    pub format: String,
    pub format_version: u32,
    pub record: Record,
    /// `fingerprint(&record)`.
    pub fingerprint: String,
    /// This shard, numbered from 1: `[index, count]`.
    pub shard: [u64; 2],
    /// The tasks this shard touched, in order.
    pub tasks: Vec<TaskPart>,
    /// SHA-256 of the whole part (record and statistics) as rendered with this
    /// field empty: any edit after the shard wrote it is caught on reading.
    pub digest: String,
}

/// One task's pieces in a part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskPart {
    /// Index in the command's task list.
    pub task: usize,
    pub name: String,
    /// Chunks in the whole task.
    pub chunks: u64,
    /// `allocation_fingerprint` of each of the task's scenarios.
    pub allocations: Vec<String>,
    pub pieces: Vec<Piece>,
}

/// The statistics of one node of the chunk tree: chunks `[start, end)`, which
/// hold draws `[start, end)` of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Piece {
    pub chunks: [u64; 2],
    pub draws: [u64; 2],
    pub stats: PieceStats,
}

impl Piece {
    /// The piece's chunks as a range.
    pub fn range(&self) -> Range<u64> {
        self.chunks[0]..self.chunks[1]
    }
}

/// A part file that cannot be read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for PartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "error: {}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "error: {}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl Part {
    /// SHA-256 of the part with its digest left out.
    /// (The digest is set aside while hashing and put back: no copy of the part.)
    fn content_digest(&mut self) -> String {
        let digest = std::mem::take(&mut self.digest);
        let content = hex(&Sha256::digest(self.render()));
        self.digest = digest;
        content
    }

    /// The part with its digest set: call once it is complete.
    pub fn sealed(mut self) -> Part {
        self.digest = self.content_digest();
        self
    }

    /// The part as JSON bytes.
    pub fn render(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).expect("plain data serialises");
        bytes.push(b'\n');
        bytes
    }

    /// Reads a part file's bytes; problems name `file:line:column`.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Part, PartError> {
        let at = |line, column, message: String| PartError {
            file: file.to_string(),
            line,
            column,
            message,
        };
        // The format is checked first, so that any other JSON is named as such.
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            format_version: Option<u32>,
        }
        let header: Header = serde_json::from_slice(bytes).map_err(|e| {
            at(
                e.line(),
                e.column(),
                format!(
                    "expected a wardsim part file (JSON); {}",
                    without_position(&e)
                ),
            )
        })?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(at(
                1,
                1,
                format!(
                    "expected a wardsim part file (`\"format\": \"{FORMAT}\"`), found {}",
                    header
                        .format
                        .map_or("no `format` field".into(), |f| format!("format `{f}`"))
                ),
            ));
        }
        if header.format_version != Some(FORMAT_VERSION) {
            return Err(at(
                1,
                1,
                format!(
                    "expected part format version {FORMAT_VERSION}, found {}; \
                     merge with the wardsim version that wrote it",
                    header
                        .format_version
                        .map_or("none".into(), |v| v.to_string())
                ),
            ));
        }
        let mut part: Part = serde_json::from_slice(bytes)
            .map_err(|e| at(e.line(), e.column(), without_position(&e)))?;
        if part.content_digest() != part.digest {
            let [k, n] = part.shard;
            return Err(at(
                0,
                0,
                format!(
                    "the part's digest does not match its contents: its record or statistics \
                     were changed after shard {k} of {n} wrote it; run `--shard {k}/{n}` again"
                ),
            ));
        }
        Ok(part)
    }
}

/// serde_json's message without its trailing " at line L column C".
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Reads and parses a part file.
pub fn read_part(path: &Path) -> Result<Part, PartError> {
    let file = path.display().to_string();
    let bytes = crate::data::read_regular(path).map_err(|e| PartError {
        file: file.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    })?;
    Part::parse(&file, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::montecarlo::Results;

    #[test]
    fn statistics_round_trip_bit_for_bit() {
        let mut r = Results::empty(2, 3, 1);
        for i in 0..300 {
            let x = (i as f64 * 0.123).sin() / 3.0;
            r.draws += 1;
            r.london[0].push(x);
            r.units[1][2].push(x * 1e-7);
            r.wards[2][1].push(-x);
            r.boroughs[0][3].push(x + 0.1);
        }
        let stats = PieceStats::of_results(&r);
        let text = serde_json::to_vec(&stats).unwrap();
        let back: PieceStats = serde_json::from_slice(&text).unwrap();
        let again = back.to_paired().unwrap().runs.remove(0);
        assert_eq!(again, r);
        assert_eq!(again.wards[2][1].m2.to_bits(), r.wards[2][1].m2.to_bits());
    }

    #[test]
    fn other_files_are_named_with_line_and_column() {
        let e = Part::parse("x.json", b"{\n  \"format\": \"something\"\n}").unwrap_err();
        assert!(
            e.to_string().contains("expected a wardsim part file"),
            "{e}"
        );
        let text = format!(
            "{{\"format\": \"wardsim-part\", \"format_version\": {FORMAT_VERSION},\n \"record\": 3}}"
        );
        let e = Part::parse("x.json", text.as_bytes()).unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (2, "x.json"));
        assert!(e.to_string().starts_with("error: x.json:2:"), "{e}");
        let e = Part::parse("x.json", b"{\"format\": \"wardsim-part\", \"format_ver").unwrap_err();
        assert!(e.to_string().contains("x.json:1:"), "{e}");
    }

    /// A sealed part of one task with some statistics.
    fn sealed_part() -> Part {
        let mut r = Results::empty(1, 2, 1);
        for i in 0..50 {
            let x = f64::from(i).sqrt() / 7.0;
            r.draws += 1;
            r.london[0].push(x);
            r.wards[1][0].push(x * 3.0);
        }
        let record = Record {
            version: "0".into(),
            command: Kind::Run,
            files: vec!["a.toml".into()],
            scenarios: vec![ScenarioRecord {
                name: "a".into(),
                file: "a.toml".into(),
                hash: "h".into(),
            }],
            seed: 7,
            draws: 50,
            chunk_draws: 256,
            gap_batches: None,
        };
        Part {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            fingerprint: fingerprint(&record),
            record,
            shard: [2, 3],
            tasks: vec![TaskPart {
                task: 0,
                name: "a".into(),
                chunks: 1,
                allocations: vec!["x".into()],
                pieces: vec![Piece {
                    chunks: [0, 1],
                    draws: [0, 50],
                    stats: PieceStats::of_results(&r),
                }],
            }],
            digest: String::new(),
        }
        .sealed()
    }

    #[test]
    fn a_sealed_part_reads_back_and_any_edited_statistic_is_refused() {
        let part = sealed_part();
        let text = String::from_utf8(part.render()).unwrap();
        assert_eq!(Part::parse("p.json", text.as_bytes()).unwrap(), part);
        // Change one digit inside the statistics (after the record), as a
        // tampered or damaged file would: every such edit is caught.
        let stats_at = text.find("\"tasks\"").unwrap();
        let mut caught = 0;
        let mut tried = 0;
        for (i, c) in text.char_indices().skip(stats_at) {
            if !c.is_ascii_digit() || tried >= 40 {
                continue;
            }
            tried += 1;
            let other = if c == '9' {
                '1'
            } else {
                char::from(c as u8 + 1)
            };
            let edited = format!("{}{other}{}", &text[..i], &text[i + 1..]);
            match Part::parse("p.json", edited.as_bytes()) {
                Err(e) if e.message.contains("digest does not match") => caught += 1,
                Err(e) => panic!("edit at {i} refused for another reason: {e}"),
                Ok(_) => {}
            }
        }
        assert_eq!((caught, tried), (40, 40));
        let e = Part::parse(
            "p.json",
            text.replacen("\"seed\":7", "\"seed\":8", 1).as_bytes(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("run `--shard 2/3` again"), "{e}");
    }
}
