//! The linear program of MODEL §6 as plain data: named columns with bounds and
//! costs, named rows. One value is both solved (through good_lp) and exported
//! (CPLEX LP, MPS), so the file on disk is exactly the LP solved.
//!
//! This module must not call a solver or do I/O.

use std::fmt::Write;
use std::ops::Range;

use super::problem::Problem;

/// The sense of a row: at most, at least or equal to its right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Le,
    Ge,
}

/// One variable of the LP: its name, bounds and objective coefficient.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub lower: f64,
    pub upper: f64,
    pub cost: f64,
}

/// One constraint of the LP: its name, terms, sense and right-hand side.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub terms: Vec<(usize, f64)>,
    pub sense: Sense,
    pub rhs: f64,
}

/// Where each family of columns and rows sits, to read the solution back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    pub x: Range<usize>,
    pub p: Range<usize>,
    pub r: Range<usize>,
    pub pool_row: usize,
    pub pcso_row: usize,
    /// Row of each floor, in `Problem::floors` order.
    pub floor_rows: Vec<usize>,
    /// (lower, upper) rows of each cap, in `Problem::caps` order.
    pub cap_rows: Vec<(usize, usize)>,
}

/// The optimiser's LP as plain data: what good_lp solves and what the LP and MPS writers
/// export.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearProgram {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub layout: Layout,
}

impl LinearProgram {
    /// Builds the sample-average LP of a problem.
    pub fn build(pb: &Problem) -> LinearProgram {
        let (nw, nu, ns) = (pb.wards(), pb.units(), pb.weeks);
        let h = pb.hours;
        let inv_s = 1.0 / ns.max(1) as f64;
        let mut columns = Vec::new();
        fn add(columns: &mut Vec<Column>, name: String, lower: f64, cost: f64) -> usize {
            columns.push(Column {
                name,
                lower,
                upper: f64::INFINITY,
                cost,
            });
            columns.len() - 1
        }
        let x0 = 0;
        for w in 0..nw {
            add(
                &mut columns,
                format!("x{w}"),
                f64::from(pb.ward_min[w]),
                0.0,
            );
        }
        let p0 = nw;
        for w in 0..nw {
            add(
                &mut columns,
                format!("p{w}"),
                f64::from(pb.pcso_min[w]),
                0.0,
            );
        }
        let r0 = 2 * nw;
        for u in 0..nu {
            add(
                &mut columns,
                format!("r{u}"),
                f64::from(pb.response_min[u]),
                0.0,
            );
        }
        let mut rows = Vec::new();
        let pool_row = rows.len();
        rows.push(Row {
            name: "pool".into(),
            terms: (x0..x0 + nw).chain(r0..r0 + nu).map(|c| (c, 1.0)).collect(),
            sense: Sense::Le,
            rhs: pb.budget as f64,
        });
        let pcso_row = rows.len();
        rows.push(Row {
            name: "pcsos".into(),
            terms: (p0..p0 + nw).map(|c| (c, 1.0)).collect(),
            sense: Sense::Le,
            rhs: pb.pcsos as f64,
        });
        for s in 0..ns {
            let flex = pb.flex_in(s);
            let response = pb.week_response(s);
            let neighbourhood = pb.week_neighbourhood(s);
            let f0 = if flex {
                let first = columns.len();
                for w in 0..nw {
                    add(&mut columns, format!("f{w}_{s}"), 0.0, 0.0);
                }
                Some(first)
            } else {
                None
            };
            for (u, &demand) in response.iter().enumerate() {
                let short = add(
                    &mut columns,
                    format!("u{u}_{s}"),
                    0.0,
                    pb.response_weight * inv_s,
                );
                let mut terms = vec![(r0 + u, pb.rho * h), (short, 1.0)];
                if let Some(f0) = f0 {
                    terms.extend(pb.unit_wards[u].iter().map(|&w| (f0 + w, 1.0)));
                }
                rows.push(Row {
                    name: format!("resp{u}_{s}"),
                    terms,
                    sense: Sense::Ge,
                    rhs: demand,
                });
            }
            for (w, &demand) in neighbourhood.iter().enumerate() {
                let short = add(
                    &mut columns,
                    format!("v{w}_{s}"),
                    0.0,
                    pb.ward_weight[w] * inv_s,
                );
                let mut terms = vec![(x0 + w, h), (p0 + w, pb.pcso_weight * h), (short, 1.0)];
                if let Some(f0) = f0 {
                    terms.push((f0 + w, -1.0));
                    rows.push(Row {
                        name: format!("flex{w}_{s}"),
                        terms: vec![(f0 + w, 1.0), (x0 + w, -pb.flex_share * h)],
                        sense: Sense::Le,
                        rhs: 0.0,
                    });
                }
                rows.push(Row {
                    name: format!("nbh{w}_{s}"),
                    terms,
                    sense: Sense::Ge,
                    rhs: demand,
                });
            }
        }
        let mut floor_rows = Vec::new();
        for (k, f) in pb.floors.iter().enumerate() {
            floor_rows.push(rows.len());
            let mut terms: Vec<(usize, f64)> = f.wards.iter().map(|&w| (x0 + w, 1.0)).collect();
            terms.push((r0 + f.unit, f.response_share));
            rows.push(Row {
                name: format!("floor{k}"),
                terms,
                sense: Sense::Ge,
                rhs: f.need,
            });
        }
        let mut cap_rows = Vec::new();
        for (k, c) in pb.caps.iter().enumerate() {
            let terms: Vec<(usize, f64)> = pb.unit_wards[c.unit]
                .iter()
                .map(|&w| (x0 + w, 1.0))
                .chain([(r0 + c.unit, 1.0)])
                .collect();
            cap_rows.push((rows.len(), rows.len() + 1));
            rows.push(Row {
                name: format!("caplo{k}"),
                terms: terms.clone(),
                sense: Sense::Ge,
                rhs: c.low as f64,
            });
            rows.push(Row {
                name: format!("caphi{k}"),
                terms,
                sense: Sense::Le,
                rhs: c.high as f64,
            });
        }
        LinearProgram {
            columns,
            rows,
            layout: Layout {
                x: x0..x0 + nw,
                p: p0..p0 + nw,
                r: r0..r0 + nu,
                pool_row,
                pcso_row,
                floor_rows,
                cap_rows,
            },
        }
    }

    /// The decision variables' values out of a solution's column values.
    pub fn levels(&self, values: &[f64]) -> super::problem::Levels {
        let l = &self.layout;
        super::problem::Levels {
            x: values[l.x.clone()].to_vec(),
            p: values[l.p.clone()].to_vec(),
            r: values[l.r.clone()].to_vec(),
        }
    }

    /// The objective's value at `values` (one per column).
    pub fn objective(&self, values: &[f64]) -> f64 {
        self.columns
            .iter()
            .zip(values)
            .map(|(c, v)| c.cost * v)
            .sum()
    }

    /// CPLEX LP format. Numbers are written in Rust's shortest round-trip form, so
    /// the file holds exactly the coefficients solved.
    pub fn to_lp(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "\\ {title}");
        let _ = writeln!(
            out,
            "\\ columns: x<ward> ward officers, p<ward> PCSOs, r<unit> response officers,"
        );
        let _ = writeln!(
            out,
            "\\ u<unit>_<week> response shortfall, v<ward>_<week> neighbourhood shortfall, f<ward>_<week> flex"
        );
        out.push_str("Minimize\n obj:");
        let mut line = 0;
        for c in self.columns.iter().filter(|c| c.cost != 0.0) {
            push_term(&mut out, &mut line, c.cost, &c.name);
        }
        if line == 0 {
            out.push_str(" 0 ");
            out.push_str(&self.columns[0].name);
        }
        out.push_str("\nSubject To\n");
        for r in &self.rows {
            let _ = write!(out, " {}:", r.name);
            let mut line = 0;
            for &(c, a) in &r.terms {
                push_term(&mut out, &mut line, a, &self.columns[c].name);
            }
            let op = match r.sense {
                Sense::Le => "<=",
                Sense::Ge => ">=",
            };
            let _ = writeln!(out, " {op} {:?}", r.rhs);
        }
        out.push_str("Bounds\n");
        for c in &self.columns {
            if c.upper.is_finite() {
                let _ = writeln!(out, " {:?} <= {} <= {:?}", c.lower, c.name, c.upper);
            } else if c.lower != 0.0 {
                let _ = writeln!(out, " {} >= {:?}", c.name, c.lower);
            }
        }
        out.push_str("End\n");
        out
    }

    /// Free MPS format (names without spaces, fields separated by blanks).
    pub fn to_mps(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "NAME {title}");
        out.push_str("ROWS\n N obj\n");
        for r in &self.rows {
            let t = match r.sense {
                Sense::Le => "L",
                Sense::Ge => "G",
            };
            let _ = writeln!(out, " {t} {}", r.name);
        }
        let mut by_column: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.columns.len()];
        for (i, r) in self.rows.iter().enumerate() {
            for &(c, a) in &r.terms {
                by_column[c].push((i, a));
            }
        }
        out.push_str("COLUMNS\n");
        for (c, entries) in self.columns.iter().zip(&by_column) {
            if c.cost != 0.0 {
                let _ = writeln!(out, " {} obj {:?}", c.name, c.cost);
            }
            for &(i, a) in entries {
                let _ = writeln!(out, " {} {} {:?}", c.name, self.rows[i].name, a);
            }
            if c.cost == 0.0 && entries.is_empty() {
                let _ = writeln!(out, " {} obj 0.0", c.name);
            }
        }
        out.push_str("RHS\n");
        for r in self.rows.iter().filter(|r| r.rhs != 0.0) {
            let _ = writeln!(out, " rhs {} {:?}", r.name, r.rhs);
        }
        out.push_str("BOUNDS\n");
        for c in &self.columns {
            if c.lower != 0.0 {
                let _ = writeln!(out, " LO bnd {} {:?}", c.name, c.lower);
            }
            if c.upper.is_finite() {
                let _ = writeln!(out, " UP bnd {} {:?}", c.name, c.upper);
            }
        }
        out.push_str("ENDATA\n");
        out
    }
}

/// Appends ` + a name` (or ` - |a| name`), breaking lines every few terms so no
/// line grows past what LP readers accept.
fn push_term(out: &mut String, line: &mut usize, a: f64, name: &str) {
    if *line > 0 && (*line).is_multiple_of(8) {
        out.push_str("\n  ");
    }
    let sign = if a < 0.0 { '-' } else { '+' };
    let _ = write!(out, " {sign} {:?} {name}", a.abs());
    *line += 1;
}
