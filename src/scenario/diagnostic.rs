//! Problems found in a scenario file, each located as `file:line:column` and
//! phrased as what was expected and what was found.

use std::fmt;
use std::ops::Range;

/// One problem in a scenario file, at `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// What is wrong, lowercase, e.g. "unknown key `oficers` in [pool]".
    pub message: String,
    pub expected: String,
    pub found: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}\n  expected {}\n  found {}",
            self.file, self.line, self.column, self.message, self.expected, self.found
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// Every problem in one or more scenario files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(f, "{n} error{}", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

/// Collects diagnostics for one file, turning byte spans into lines and columns.
pub struct Sink<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offsets where lines start, built at the first problem, so a file
    /// with many problems is scanned once, not once per problem.
    line_starts: Vec<usize>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Sink {
            file,
            text,
            diagnostics: Vec::new(),
            line_starts: Vec::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset, from the
    /// index of line starts.
    fn locate(&mut self, offset: usize) -> (usize, usize) {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts
                .extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
        }
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    pub fn error(&mut self, span: Range<usize>, message: String, expected: String, found: String) {
        self.push(span, message, expected, found, None);
    }

    pub fn push(
        &mut self,
        span: Range<usize>,
        message: String,
        expected: String,
        found: String,
        hint: Option<String>,
    ) {
        let (line, column) = self.locate(span.start);
        self.diagnostics.push(Diagnostic {
            file: self.file.to_string(),
            line,
            column,
            message,
            expected,
            found,
            hint,
        });
    }

    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.line, d.column));
        self.diagnostics
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let t = "a = 1\nbé = 2\n\n  c = \"ü\"\n";
        let mut sink = Sink::new("f", t);
        for offset in 0..=t.len() + 3 {
            assert_eq!(sink.locate(offset), line_column(t, offset), "{offset}");
        }
    }

    #[test]
    fn line_and_column_are_one_based() {
        let t = "a = 1\nbb = 2\n";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 6), (2, 1));
        assert_eq!(line_column(t, 11), (2, 6));
    }
}
