//! The optimisation problem of MODEL §6 in numbers: who can be allocated, within
//! which bounds and rules, against which sampled weeks, and the exact cost of any
//! allocation (whole or fractional) on those weeks.
//!
//! The cost of a week is the recourse of the fluid model: response shortfall per
//! command unit, neighbourhood shortfall per ward, and, where flex is allowed, the
//! best use of ward officers' flexible hours. This module must not call a solver.

use super::sample::Sample;

/// A lower bound on a borough's officers per 1,000 residents, as linear terms:
/// `Σ ward officers + response_share × r[unit] ≥ need`.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub borough: String,
    pub wards: Vec<usize>,
    pub unit: usize,
    pub response_share: f64,
    /// Officers the floor asks of the borough's ward and response officers (the
    /// borough's shares of other and overhead officers already taken off).
    pub need: f64,
}

/// A transition cap: a unit's ward plus response officers stay within
/// `[low, high]` (whole officers) around its formula allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    pub unit: usize,
    pub baseline: u64,
    pub low: u64,
    pub high: u64,
}

/// Ward officers, PCSOs and response officers, possibly fractional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Levels {
    pub x: Vec<f64>,
    pub p: Vec<f64>,
    pub r: Vec<f64>,
}

impl Levels {
    /// Levels from whole numbers of ward officers, PCSOs and response officers.
    pub fn whole(x: &[u32], p: &[u32], r: &[u32]) -> Levels {
        let f = |v: &[u32]| v.iter().map(|&a| f64::from(a)).collect();
        Levels {
            x: f(x),
            p: f(p),
            r: f(r),
        }
    }
}

/// The objective split in its two parts (weighted hours a week).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cost {
    pub response: f64,
    pub neighbourhood: f64,
}

impl Cost {
    /// Officers in all (ward plus response).
    pub fn total(&self) -> f64 {
        self.response + self.neighbourhood
    }
}

/// The optimisation problem in numbers: in-sample weeks, weights, bounds and rules, and the
/// exact cost of any allocation.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Boroughs of each unit (units here may differ from the scenario's structure,
    /// as when the value of pooling is measured).
    pub unit_boroughs: Vec<Vec<usize>>,
    pub ward_names: Vec<String>,
    pub unit_names: Vec<String>,
    pub ward_unit: Vec<usize>,
    pub unit_wards: Vec<Vec<usize>>,
    /// Each unit's wards by ascending neighbourhood weight (the order flex takes
    /// hours in when taking them costs neighbourhood cover).
    unit_wards_by_weight: Vec<Vec<usize>>,
    /// Deployable hours per officer a week (H).
    pub hours: f64,
    /// Planning utilisation ρ*.
    pub rho: f64,
    pub pcso_weight: f64,
    /// Largest share of ward-officer hours flex may take.
    pub flex_share: f64,
    /// ω_R per unmet response hour.
    pub response_weight: f64,
    /// ω_N · h_w per unmet neighbourhood hour of ward w.
    pub ward_weight: Vec<f64>,
    /// Officers for wards and response together (pool less overhead and other roles).
    pub budget: u64,
    pub pcsos: u64,
    pub ward_min: Vec<u32>,
    pub pcso_min: Vec<u32>,
    pub response_min: Vec<u32>,
    /// Ward officers may flex into response in every week (not ring-fenced).
    pub flex_always: bool,
    pub weeks: usize,
    /// Response work, week-major per unit (officer-hours a week).
    pub response: Vec<f64>,
    /// Neighbourhood demand, week-major per ward (hours a week).
    pub neighbourhood: Vec<f64>,
    /// Weeks with a surge at or above the ring-fence exception severity.
    pub exceptional: Vec<bool>,
    pub floors: Vec<Floor>,
    pub caps: Vec<Cap>,
}

impl Problem {
    /// Assembles a problem whose units are groups of boroughs (`unit_boroughs`),
    /// over the sample's weeks.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        sample: &Sample,
        unit_boroughs: &[Vec<usize>],
        unit_names: Vec<String>,
        ward_names: Vec<String>,
        ward_borough: &[usize],
        ward_weight: Vec<f64>,
        shape: Shape,
    ) -> Problem {
        let units = unit_boroughs.len();
        let wards = ward_borough.len();
        let mut borough_unit = vec![0; sample.boroughs];
        for (u, bs) in unit_boroughs.iter().enumerate() {
            for &b in bs {
                borough_unit[b] = u;
            }
        }
        let ward_unit: Vec<usize> = ward_borough.iter().map(|&b| borough_unit[b]).collect();
        let mut unit_wards = vec![Vec::new(); units];
        for (w, &u) in ward_unit.iter().enumerate() {
            unit_wards[u].push(w);
        }
        let unit_wards_by_weight = unit_wards
            .iter()
            .map(|ws: &Vec<usize>| {
                let mut v = ws.clone();
                v.sort_by(|&a, &b| ward_weight[a].total_cmp(&ward_weight[b]).then(a.cmp(&b)));
                v
            })
            .collect();
        let mut response = Vec::with_capacity(sample.weeks * units);
        for s in 0..sample.weeks {
            let week = sample.borough_response(s);
            for bs in unit_boroughs {
                response.push(bs.iter().map(|&b| week[b]).sum());
            }
        }
        debug_assert_eq!(wards, sample.wards);
        Problem {
            unit_boroughs: unit_boroughs.to_vec(),
            ward_names,
            unit_names,
            ward_unit,
            unit_wards,
            unit_wards_by_weight,
            hours: shape.hours,
            rho: shape.rho,
            pcso_weight: shape.pcso_weight,
            flex_share: shape.flex_share,
            response_weight: shape.response_weight,
            ward_weight,
            budget: shape.budget,
            pcsos: shape.pcsos,
            ward_min: shape.ward_min,
            pcso_min: shape.pcso_min,
            response_min: vec![shape.response_min; units],
            flex_always: shape.flex_always,
            weeks: sample.weeks,
            response,
            neighbourhood: sample.neighbourhood.clone(),
            exceptional: sample.exceptional.clone(),
            floors: Vec::new(),
            caps: Vec::new(),
        }
    }

    /// Number of wards.
    pub fn wards(&self) -> usize {
        self.ward_unit.len()
    }

    /// Number of command units.
    pub fn units(&self) -> usize {
        self.unit_wards.len()
    }

    /// Whether flex is open in week s.
    pub fn flex_in(&self, s: usize) -> bool {
        self.flex_always || self.exceptional[s]
    }

    /// Separable: no flex in any week, no floor, no cap. Then marginal analysis is exact.
    pub fn separable(&self) -> bool {
        !self.flex_always
            && self.floors.is_empty()
            && self.caps.is_empty()
            && !self.exceptional.iter().any(|&e| e)
    }

    /// In-sample week `s`: each unit's response workload hours.
    pub fn week_response(&self, s: usize) -> &[f64] {
        let u = self.units();
        &self.response[s * u..(s + 1) * u]
    }

    /// In-sample week `s`: each ward's neighbourhood demand hours.
    pub fn week_neighbourhood(&self, s: usize) -> &[f64] {
        let w = self.wards();
        &self.neighbourhood[s * w..(s + 1) * w]
    }

    /// Ward officers plus response officers the minimums take.
    pub fn minimum_officers(&self) -> u64 {
        self.ward_min.iter().map(|&x| u64::from(x)).sum::<u64>()
            + self.response_min.iter().map(|&x| u64::from(x)).sum::<u64>()
    }

    /// Adds `left` to whole counts in proportion to expected demand summed over
    /// the weeks: neighbourhood demand for per-ward counts, response work for
    /// per-unit counts. Used for people whose placement no longer changes the cost.
    pub fn spread_by_demand(&self, counts: &mut Vec<u32>, left: u64, per_ward: bool) {
        if left == 0 {
            return;
        }
        let weights: Vec<f64> = (0..counts.len())
            .map(|i| {
                (0..self.weeks)
                    .map(|s| {
                        if per_ward {
                            self.week_neighbourhood(s)[i]
                        } else {
                            self.week_response(s)[i]
                        }
                    })
                    .sum()
            })
            .collect();
        let floors: Vec<u64> = counts.iter().map(|&v| u64::from(v)).collect();
        let total = floors.iter().sum::<u64>() + left;
        *counts = crate::allocation::largest_remainder(total, &weights, &floors)
            .into_iter()
            .map(|v| v as u32)
            .collect();
    }

    /// Floors (by index) that whole counts x, r leave unmet.
    pub fn short_floors(&self, x: &[u32], r: &[u32]) -> Vec<usize> {
        self.floors
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                let have = f.wards.iter().map(|&w| f64::from(x[w])).sum::<f64>()
                    + f.response_share * f64::from(r[f.unit]);
                have < f.need - 1e-9
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// Neighbourhood hours a ward's officers and PCSOs supply.
    pub fn supply(&self, lv: &Levels, w: usize) -> f64 {
        self.hours * lv.x[w] + self.pcso_weight * self.hours * lv.p[w]
    }

    /// A week's response work per unit from its work per borough.
    pub fn unit_response(&self, borough_response: &[f64], out: &mut Vec<f64>) {
        out.clear();
        out.extend(
            self.unit_boroughs
                .iter()
                .map(|bs| bs.iter().map(|&b| borough_response[b]).sum::<f64>()),
        );
    }

    /// Exact average cost over the problem's weeks.
    pub fn cost(&self, lv: &Levels) -> Cost {
        let mut total = Cost::default();
        let mut scratch = Vec::new();
        for s in 0..self.weeks {
            let c = self.week_cost(
                lv,
                self.week_response(s),
                self.week_neighbourhood(s),
                self.flex_in(s),
                &mut scratch,
            );
            total.response += c.response;
            total.neighbourhood += c.neighbourhood;
        }
        let n = self.weeks.max(1) as f64;
        Cost {
            response: total.response / n,
            neighbourhood: total.neighbourhood / n,
        }
    }

    /// The cost of one week: the fluid recourse solved exactly. Flex first takes
    /// ward hours that neighbourhood demand leaves idle (free), then, while response
    /// is still short, hours from the wards whose neighbourhood hour weighs least,
    /// as long as that weighs less than a response hour.
    pub fn week_cost(
        &self,
        lv: &Levels,
        response: &[f64],
        neighbourhood: &[f64],
        flex: bool,
        scratch: &mut Vec<f64>,
    ) -> Cost {
        let h = self.hours;
        let mut cost = Cost::default();
        // scratch[w]: extra neighbourhood shortfall flex put on ward w.
        scratch.clear();
        scratch.resize(self.wards(), 0.0);
        for (u, wards) in self.unit_wards.iter().enumerate() {
            let mut short = response[u] - self.rho * h * lv.r[u];
            if flex && short > 0.0 {
                let mut free = 0.0;
                for &w in wards {
                    let slack = (self.supply(lv, w) - neighbourhood[w]).max(0.0);
                    free += slack.min(self.flex_share * h * lv.x[w]);
                }
                short -= free.min(short);
                for &w in &self.unit_wards_by_weight[u] {
                    if short <= 0.0 || self.ward_weight[w] >= self.response_weight {
                        break;
                    }
                    let slack = (self.supply(lv, w) - neighbourhood[w]).max(0.0);
                    let cap = self.flex_share * h * lv.x[w];
                    let paid = (cap - slack.min(cap)).min(short);
                    scratch[w] += paid;
                    short -= paid;
                }
            }
            cost.response += self.response_weight * short.max(0.0);
        }
        for (w, &n) in neighbourhood.iter().enumerate() {
            let unmet = (n - self.supply(lv, w)).max(0.0) + scratch[w];
            cost.neighbourhood += self.ward_weight[w] * unmet;
        }
        cost
    }
}

/// Everything about a problem apart from its units and weeks.
#[derive(Debug, Clone)]
pub struct Shape {
    pub hours: f64,
    pub rho: f64,
    pub pcso_weight: f64,
    pub flex_share: f64,
    pub response_weight: f64,
    pub budget: u64,
    pub pcsos: u64,
    pub ward_min: Vec<u32>,
    pub pcso_min: Vec<u32>,
    pub response_min: u32,
    pub flex_always: bool,
}
