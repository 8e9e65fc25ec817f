//! The table of published figures the backtests check (`validation/published.csv`):
//! one row per check, naming its backtest, the area and metric it reads, the
//! scenario (and, for a change, the baseline it is paired with), the published
//! figure, the rule its verdict follows and the figure's source.
//!
//! Reads and checks the table only; it runs nothing. Every bad cell is reported
//! with file, line and column.

use crate::data::DataError;
use crate::data::csv_table::Table;
use crate::model::Metric;

/// What a check reads from a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// A metric of the catalogue: its mean over simulated weeks.
    Metric(Metric),
    /// Officers in the area (an input, not simulated).
    Officers,
    /// Officers per 1,000 residents (an input, not simulated).
    OfficersPer1000,
}

impl Figure {
    fn from_key(key: &str) -> Option<Figure> {
        match key {
            "officers" => Some(Figure::Officers),
            "officers_per_1000" => Some(Figure::OfficersPer1000),
            _ => Metric::from_key(key).map(Figure::Metric),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Figure::Metric(m) => m.key(),
            Figure::Officers => "officers",
            Figure::OfficersPer1000 => "officers_per_1000",
        }
    }
}

/// How a check's verdict is reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// The model's figure within ± this of the published one.
    Within(f64),
    /// A change: the sign of the published change, beyond noise, and a size
    /// within this factor of it either way.
    SignAndSize(f64),
    /// A change that must not be worse beyond noise.
    NotWorse,
    /// Exactly zero in every simulated week (mean and CI).
    Zero,
    /// A change whose mean is within ± this of zero.
    NearZero(f64),
}

impl Rule {
    /// The rule in a few words, with the metric's unit.
    pub fn describe(self, unit: impl Fn(f64) -> String) -> String {
        match self {
            Rule::Within(t) => format!("within ±{}", unit(t)),
            Rule::SignAndSize(f) => format!("same sign, size within ×{f}"),
            Rule::NotWorse => "not worse beyond noise".into(),
            Rule::Zero => "zero".into(),
            Rule::NearZero(t) => format!("within ±{} of no change", unit(t)),
        }
    }

    /// Whether the check compares two scenarios.
    pub fn is_change(self) -> bool {
        matches!(
            self,
            Rule::SignAndSize(_) | Rule::NotWorse | Rule::NearZero(_)
        )
    }
}

/// One check of one backtest.
#[derive(Debug, Clone)]
pub struct Check {
    pub backtest: String,
    pub label: String,
    /// "London" or a borough's name.
    pub area: String,
    pub figure: Figure,
    /// Scenario file (in the backtests' folder).
    pub scenario: String,
    /// For a change: the scenario it is paired with, on the same draws.
    pub baseline: Option<String>,
    pub published: Option<f64>,
    pub rule: Rule,
    pub source: String,
}

const COLUMNS: [&str; 10] = [
    "backtest",
    "check",
    "area",
    "metric",
    "scenario",
    "baseline",
    "published",
    "rule",
    "tolerance",
    "source",
];

/// Parses the table; `areas` are the names an area may take besides "London",
/// `files` the scenario files there are.
pub fn parse(
    file: &str,
    text: &str,
    areas: &[String],
    files: &[String],
) -> Result<Vec<Check>, Vec<DataError>> {
    let mut errors = Vec::new();
    let Some(table) = Table::parse(file, text, &mut errors) else {
        return Err(errors);
    };
    let cols: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| table.column(c, &mut errors))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let col = |k: usize| cols[k].unwrap_or(0);
    let mut checks = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let mut bad = |column: usize, expected: &str, found: &str| {
            errors.push(DataError::new(
                file,
                line,
                COLUMNS[column],
                expected,
                &if found.is_empty() {
                    "an empty cell".to_string()
                } else {
                    format!("`{found}`")
                },
            ));
        };
        let text = |k: usize| table.text(row, col(k)).to_string();
        let (backtest, label, area) = (text(0), text(1), text(2));
        for (k, v) in [(0, &backtest), (1, &label)] {
            if v.is_empty() {
                bad(k, "a value", v);
            }
        }
        if area != "London" && !areas.contains(&area) {
            bad(2, "`London` or a borough's name", &area);
        }
        let figure = Figure::from_key(&text(3));
        if figure.is_none() {
            bad(
                3,
                "a metric key (see scenarios/README.md), `officers` or `officers_per_1000`",
                &text(3),
            );
        }
        let scenario = text(4);
        if !files.contains(&scenario) {
            bad(4, "a scenario file of the backtests' folder", &scenario);
        }
        let baseline = Some(text(5)).filter(|b| !b.is_empty());
        if let Some(b) = &baseline
            && !files.contains(b)
        {
            bad(5, "empty, or a scenario file of the backtests' folder", b);
        }
        let number = |k: usize| -> Result<Option<f64>, String> {
            let raw = text(k);
            if raw.is_empty() {
                return Ok(None);
            }
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Some(v)),
                _ => Err(raw),
            }
        };
        let published = number(6).unwrap_or_else(|raw| {
            bad(6, "a number, or empty", &raw);
            None
        });
        let tolerance = number(8).unwrap_or_else(|raw| {
            bad(8, "a number, or empty", &raw);
            None
        });
        let positive = tolerance.filter(|t| *t > 0.0);
        let rule = match (text(7).as_str(), positive) {
            ("within", Some(t)) => Some(Rule::Within(t)),
            ("sign_and_size", Some(f)) if f >= 1.0 => Some(Rule::SignAndSize(f)),
            ("near_zero", Some(t)) => Some(Rule::NearZero(t)),
            ("not_worse", _) => Some(Rule::NotWorse),
            ("zero", _) => Some(Rule::Zero),
            ("within" | "sign_and_size" | "near_zero", _) => {
                bad(
                    8,
                    "a positive tolerance (a factor of at least 1 for sign_and_size)",
                    &text(8),
                );
                None
            }
            (other, _) => {
                bad(
                    7,
                    "one of within, sign_and_size, not_worse, zero, near_zero",
                    other,
                );
                None
            }
        };
        if let Some(rule) = rule {
            if rule.is_change() != baseline.is_some() {
                bad(
                    5,
                    if rule.is_change() {
                        "a baseline scenario (this rule compares two)"
                    } else {
                        "no baseline (this rule reads one scenario)"
                    },
                    baseline.as_deref().unwrap_or(""),
                );
            }
            if matches!(rule, Rule::Within(_) | Rule::SignAndSize(_)) && published.is_none() {
                bad(6, "the published figure this rule checks against", "");
            }
            if matches!(rule, Rule::SignAndSize(_)) && published == Some(0.0) {
                bad(6, "a change other than zero", "0");
            }
        }
        if let (Some(figure), Some(rule)) = (figure, rule) {
            if rule.is_change() && !matches!(figure, Figure::Metric(_)) {
                bad(
                    3,
                    "a simulated metric (officers do not change week to week)",
                    figure.key(),
                );
            }
            checks.push(Check {
                backtest,
                label,
                area,
                figure,
                scenario,
                baseline,
                published,
                rule,
                source: text(9),
            });
        }
    }
    if errors.is_empty() {
        Ok(checks)
    } else {
        Err(errors)
    }
}
