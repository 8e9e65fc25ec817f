//! Waits in one tour of a queue that may be short of capacity (MODEL §5.6): a
//! steady-state wait (probability of waiting, exponential tail) while capacity
//! exceeds load, and a fluid wait that grows (or drains a backlog carried from
//! the tour before) through the tour otherwise. There is no 480-minute cap.
//!
//! A steady-state formula is the limit of a queue that has run for ever; a tour
//! lasts 8 hours. Near and above full load the queue is taken as a reflected
//! Brownian motion started empty: its mean length over a tour of T hours at
//! arrival rate λ is (2/3)·√(4λT/π) calls (assumption: the critically loaded
//! diffusion limit; it keeps every wait finite and continuous at utilisation 1).
//! Each wait is the smaller of the steady-state wait and this finite-tour wait,
//! plus the fluid wait when load exceeds capacity.
//!
//! Pure functions; no randomness.

/// Probability of waiting, tail rate per minute and mean wait in minutes of a
/// queue in steady state (or capped at the finite-tour wait).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Steady {
    pub p: f64,
    pub rate: f64,
    pub mean: f64,
}

impl Steady {
    /// No wait at all.
    pub const NONE: Steady = Steady {
        p: 0.0,
        rate: f64::INFINITY,
        mean: 0.0,
    };

    /// A wait that happens with probability `p` and then has mean `mean_if`
    /// minutes (exponential), capped in mean at `cap` minutes.
    pub fn new(p: f64, mean_if: f64, cap: f64) -> Steady {
        if p <= 0.0 || mean_if <= 0.0 {
            return Steady::NONE;
        }
        let mean_if = mean_if.min(cap.max(1e-9) / p);
        Steady {
            p,
            rate: 1.0 / mean_if,
            mean: p * mean_if,
        }
    }
}

/// Mean wait (minutes) over a tour of `hours` of a critically loaded queue that
/// started empty: (2/3)·√(4λT/π) calls in queue served at `mu` calls an hour.
pub fn finite_tour_wait(lambda: f64, mu: f64, hours: f64) -> f64 {
    if lambda <= 0.0 || mu <= 0.0 {
        return 0.0;
    }
    (2.0 / 3.0) * (4.0 * lambda * hours / std::f64::consts::PI).sqrt() / mu * 60.0
}

/// One class's queue in one tour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TourQueue {
    /// No backlog and load below capacity.
    Steady(Steady),
    /// A backlog, or load at or above capacity: calls arriving at time τ wait
    /// w(τ) = max(0, (q0 + (λ − μ)τ) / μ) hours, plus an exponential wait with the
    /// finite-tour mean; once a backlog has drained, `after` applies.
    Fluid {
        q0: f64,
        lambda: f64,
        mu: f64,
        hours: f64,
        cap_minutes: f64,
        after: Steady,
    },
}

/// Points in time at which a fluid tour is evaluated (midpoints).
const FLUID_POINTS: usize = 8;

impl TourQueue {
    /// Calls still waiting at the end of the tour.
    pub fn backlog_after(&self) -> f64 {
        match *self {
            TourQueue::Steady(_) => 0.0,
            TourQueue::Fluid {
                q0,
                lambda,
                mu,
                hours,
                ..
            } => (q0 + (lambda - mu) * hours).max(0.0),
        }
    }

    /// Mean wait of a call, minutes.
    pub fn mean(&self) -> f64 {
        match *self {
            TourQueue::Steady(s) => s.mean,
            TourQueue::Fluid { .. } => {
                (0..FLUID_POINTS)
                    .map(|j| {
                        let (w, s) = self.at(j);
                        w + s.mean
                    })
                    .sum::<f64>()
                    / FLUID_POINTS as f64
            }
        }
    }

    /// Share of calls that would wait longer than `patience` minutes.
    pub fn beyond(&self, patience: f64) -> f64 {
        let tail = |s: Steady, x: f64| {
            if x <= 0.0 {
                1.0
            } else if s.p <= 0.0 {
                0.0
            } else {
                s.p * (-s.rate * x).exp()
            }
        };
        match *self {
            TourQueue::Steady(s) => tail(s, patience),
            TourQueue::Fluid { .. } => {
                (0..FLUID_POINTS)
                    .map(|j| {
                        let (w, s) = self.at(j);
                        if w > 0.0 {
                            tail(Steady { p: 1.0, ..s }, patience - w)
                        } else {
                            tail(s, patience)
                        }
                    })
                    .sum::<f64>()
                    / FLUID_POINTS as f64
            }
        }
    }

    /// Share of calls that wait for a crew (and so travel from wherever the
    /// first crew to free happens to be).
    pub fn wait_share(&self) -> f64 {
        match *self {
            TourQueue::Steady(s) => s.p,
            TourQueue::Fluid { .. } => {
                (0..FLUID_POINTS)
                    .map(|j| {
                        let (w, s) = self.at(j);
                        if w > 0.0 { 1.0 } else { s.p }
                    })
                    .sum::<f64>()
                    / FLUID_POINTS as f64
            }
        }
    }

    /// The wait state of a call arriving at the j-th of `FLUID_POINTS` instants:
    /// (deterministic fluid wait in minutes, the random part after it).
    fn at(&self, j: usize) -> (f64, Steady) {
        match *self {
            TourQueue::Steady(s) => (0.0, s),
            TourQueue::Fluid {
                q0,
                lambda,
                mu,
                hours,
                cap_minutes,
                after,
            } => {
                let tau = (j as f64 + 0.5) / FLUID_POINTS as f64 * hours;
                let w = (q0 + (lambda - mu) * tau) / mu.max(1e-12);
                if w > 0.0 {
                    (w * 60.0, Steady::new(1.0, cap_minutes, f64::INFINITY))
                } else {
                    (0.0, after)
                }
            }
        }
    }

    /// Share of calls with wait + `fixed` ≤ `target` minutes, and their mean wait,
    /// given that they must wait for a crew (the branch the caller weights).
    /// `extra` adds the on-time chance of calls that would not wait: it is called
    /// with the minutes left after the fluid part and gives P(on time | no wait).
    pub fn on_time_and_mean<F: Fn(f64) -> f64>(
        &self,
        target: f64,
        fixed: f64,
        no_wait: F,
    ) -> (f64, f64) {
        match *self {
            TourQueue::Steady(s) => (
                (1.0 - s.p) * no_wait(target) + s.p * waited(s, target - fixed),
                s.mean,
            ),
            TourQueue::Fluid { after, .. } => {
                let (mut on, mut mean) = (0.0, 0.0);
                // Instants after the backlog has drained all see `after`.
                let mut drained = 0.0;
                for j in 0..FLUID_POINTS {
                    let (w, s) = self.at(j);
                    if w > 0.0 {
                        on += waited(s, target - w - fixed);
                        mean += w + s.mean;
                    } else {
                        drained += 1.0;
                    }
                }
                if drained > 0.0 {
                    let s = after;
                    on +=
                        drained * ((1.0 - s.p) * no_wait(target) + s.p * waited(s, target - fixed));
                    mean += drained * s.mean;
                }
                let n = FLUID_POINTS as f64;
                (on / n, mean / n)
            }
        }
    }

    /// The waiting mass of this queue as (weight, fixed minutes, Steady) pieces,
    /// for the response-time grid: `f(weight share, minutes, steady)` is called
    /// once per piece.
    /// Instants after a backlog has drained are one piece.
    pub fn pieces<F: FnMut(f64, f64, Steady)>(&self, mut f: F) {
        match *self {
            TourQueue::Steady(s) => f(1.0, 0.0, s),
            TourQueue::Fluid { after, .. } => {
                let mut drained = 0.0;
                for j in 0..FLUID_POINTS {
                    let (w, s) = self.at(j);
                    if w > 0.0 {
                        f(1.0 / FLUID_POINTS as f64, w, s);
                    } else {
                        drained += 1.0;
                    }
                }
                if drained > 0.0 {
                    f(drained / FLUID_POINTS as f64, 0.0, after);
                }
            }
        }
    }
}

/// P(exponential part ≤ x) for a call certain to wait.
fn waited(s: Steady, x: f64) -> f64 {
    if x < 0.0 {
        0.0
    } else if s.p <= 0.0 {
        1.0
    } else {
        1.0 - (-s.rate * x).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_below_capacity_with_no_backlog_is_steady() {
        let s = Steady::new(0.4, 10.0, f64::INFINITY);
        assert!((s.mean - 4.0).abs() < 1e-12);
        let q = TourQueue::Steady(s);
        let (on, mean) = q.on_time_and_mean(15.0, 5.0, |_| 1.0);
        assert!((on - (0.6 + 0.4 * (1.0 - (-1.0f64).exp()))).abs() < 1e-12);
        assert!((mean - 4.0).abs() < 1e-12);
    }

    #[test]
    fn a_growing_backlog_makes_later_calls_later() {
        let q = TourQueue::Fluid {
            q0: 0.0,
            lambda: 12.0,
            mu: 10.0,
            hours: 8.0,
            cap_minutes: 5.0,
            after: Steady::NONE,
        };
        // Queue at the end: 16 calls.
        assert!((q.backlog_after() - 16.0).abs() < 1e-12);
        let (on, mean) = q.on_time_and_mean(60.0, 0.0, |_| 1.0);
        // Fluid wait averages (λ−μ)T/2/μ = 0.8 h = 48 min, plus the 5-minute part.
        assert!((mean - 53.0).abs() < 1e-9, "{mean}");
        assert!(on > 0.3 && on < 0.9);
    }

    #[test]
    fn a_draining_backlog_returns_to_steady_state() {
        let after = Steady::new(0.2, 4.0, f64::INFINITY);
        let q = TourQueue::Fluid {
            q0: 10.0,
            lambda: 5.0,
            mu: 10.0,
            hours: 8.0,
            cap_minutes: 4.0,
            after,
        };
        assert_eq!(q.backlog_after(), 0.0);
        // Drains in 2 h of 8: three quarters of calls see the steady state.
        let (_, mean) = q.on_time_and_mean(15.0, 0.0, |_| 1.0);
        assert!(mean < 30.0 && mean > after.mean);
    }

    #[test]
    fn the_finite_tour_wait_is_finite_and_grows_with_traffic() {
        let a = finite_tour_wait(50.0, 50.0, 8.0);
        let b = finite_tour_wait(200.0, 200.0, 8.0);
        assert!(
            a.is_finite() && b < a,
            "pooling shortens the queue per server"
        );
        assert_eq!(finite_tour_wait(0.0, 10.0, 8.0), 0.0);
    }
}
