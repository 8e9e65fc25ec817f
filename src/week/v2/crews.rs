//! The crews of one group (a command unit, or one borough of it when crews keep
//! to borough lines) in one tour: I and S queues under one priority rule
//! (MODEL §5.3–5.4) and the free crews a call finds (MODEL §5.2).
//!
//! - I calls outrank S and may take a crew busy on S work with probability π
//!   (`divertible_share`). I sees c_I = c − (1 − π)·a_S effective crews (the
//!   reduced-server device), Erlang C with real c (continued Erlang B).
//! - S waits as in the non-pre-emptive priority M/M/c (Gross & Harris):
//!   W_S = C(c, a)·s̄ / (c (1 − a_I/c)(1 − a/c)), s̄ = a / (λ_I + λ_S),
//!   P(W_S > 0) = C(c, a), exponential tail with that mean.
//! - Where either is at or over capacity, or a backlog came from the tour
//!   before, its wait is fluid (`waits::TourQueue::Fluid`).
//!
//! Pure functions; no randomness.

use super::waits::{Steady, TourQueue, finite_tour_wait};
use crate::week::continued_erlang::erlang_b_real;

/// What the crews of a group face in one tour.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// Crews on duty (real: expected crew-hours kept exact, MODEL §5.1).
    pub crews: f64,
    /// I and S calls an hour.
    pub lambda_i: f64,
    pub lambda_s: f64,
    /// Crew-hours per I and per S call.
    pub hours_i: f64,
    pub hours_s: f64,
    /// π, the divertible share of S work.
    pub divertible: f64,
    /// Length of the tour, hours.
    pub tour_hours: f64,
}

/// The group's queues in one tour and the free crews calls find.
#[derive(Debug, Clone, Copy)]
pub struct Crews {
    pub i: TourQueue,
    pub s: TourQueue,
    /// Mean crews free to an I call that does not wait: c_I − busy on I.
    pub free_for_i: f64,
    /// Mean crews free to an S call that does not wait.
    pub free_for_s: f64,
}

/// The fewest free crews a call that does not wait is taken to find.
const MIN_FREE: f64 = 0.25;

impl Load {
    /// Offered loads in crews: (a_I, a_S).
    pub fn offered(&self) -> (f64, f64) {
        (self.lambda_i * self.hours_i, self.lambda_s * self.hours_s)
    }

    /// I's effective crews: c − (1 − π)·(S work that holds crews). Below full
    /// load this is c − (1 − π)·a_S exactly; when S is over capacity, S can hold
    /// only the crews I leaves.
    pub fn crews_for_i(&self) -> f64 {
        let (a_i, a_s) = self.offered();
        let c = self.crews;
        c - (1.0 - self.divertible) * a_s.min((c - a_i).max(0.0))
    }

    /// Everything about the tour's queues that does not depend on the backlog
    /// it inherits (one Erlang B for I and one for all calls).
    pub fn prepare(&self) -> Prepared {
        let (a_i, a_s) = self.offered();
        let a = a_i + a_s;
        let c = self.crews;
        let c_i = self.crews_for_i();
        let t = self.tour_hours;
        let lambda = self.lambda_i + self.lambda_s;
        // Erlang B on the free crews' chain; Erlang C from it:
        // C = c·B / (c − a·(1 − B)).
        let b_i = erlang_b_real(c_i.max(0.0), a_i.min(c_i.max(0.0)));
        let b = erlang_b_real(c, a.min(c));
        let erlang_c = |servers: f64, load: f64, b: f64| {
            (servers * b / (servers - load * (1.0 - b))).clamp(0.0, 1.0)
        };

        // I: Erlang C on the reduced servers.
        let mu_i = c_i.max(1e-9) / self.hours_i;
        let cap_i = finite_tour_wait(self.lambda_i, mu_i, t);
        let steady_i = if a_i < c_i {
            if a_i > 0.0 {
                // Reduced servers: exact for I when π = 1 (S invisible to I).
                let p_a = erlang_c(c_i, a_i, b_i);
                let m_a = self.hours_i * 60.0 / (c_i - a_i);
                // Non-pre-emptive priority: exact for I when π = 0. An I call
                // waits when every crew is busy (Erlang C on the whole load) and
                // none is on divertible S work ((1 − π·a_S/a)^c, crews' jobs
                // taken as independent), until the next crew frees (c / s̄ an
                // hour, less the I calls ahead).
                let p_all = if a < c { erlang_c(c, a, b) } else { 1.0 };
                let none_divertible = (1.0 - self.divertible * a_s / a).max(0.0).powf(c);
                let rate_b = c * lambda / a - self.lambda_i;
                let pi = self.divertible;
                let (p_b, m_b) = if rate_b > 0.0 {
                    (p_all * none_divertible, 60.0 / rate_b)
                } else {
                    (p_a, m_a)
                };
                // Between the limits, in proportion to π (checked against the
                // event-level simulation, MODEL §5.3).
                let p = pi * p_a + (1.0 - pi) * p_b;
                let mean = pi * p_a * m_a + (1.0 - pi) * p_b * m_b;
                if p > 0.0 {
                    Steady::new(p, mean / p, cap_i)
                } else {
                    Steady::NONE
                }
            } else {
                Steady::NONE
            }
        } else {
            Steady::new(1.0, cap_i, f64::INFINITY)
        };

        // S: non-pre-emptive priority below I. Over capacity, the whole queue
        // is one fluid of work (MODEL §5.6): all calls clear at c / s̄.
        let mu_s = if a > 0.0 {
            c * lambda / a
        } else {
            f64::INFINITY
        };
        let cap_s = finite_tour_wait(lambda, mu_s, t);
        let steady_s = if a < c && lambda > 0.0 {
            if a > 0.0 {
                let p = erlang_c(c, a, b);
                let s_bar = a / lambda;
                let w = p * s_bar / (c * (1.0 - a_i / c) * (1.0 - a / c)) * 60.0;
                Steady::new(p, w / p.max(1e-300), cap_s)
            } else {
                Steady::NONE
            }
        } else {
            Steady::new(1.0, cap_s, f64::INFINITY)
        };

        // Mean free crews in the loss chain: servers − load·(1 − B).
        let free = |servers: f64, load: f64, b: f64| {
            if servers <= 0.0 {
                return MIN_FREE;
            }
            (servers - load.min(servers) * (1.0 - b)).max(MIN_FREE)
        };
        Prepared {
            i_over: a_i >= c_i,
            s_over: a >= c,
            lambda_i: self.lambda_i,
            lambda,
            mu_i,
            mu_s: mu_s.max(1e-9),
            cap_i,
            cap_s,
            steady_i,
            steady_s,
            tour_hours: t,
            free_for_i: free(c_i, a_i, b_i),
            free_for_s: free(c, a, b),
        }
    }

    /// The queues of the tour given the backlogs (calls) it starts with: of I
    /// calls, and of all calls (the S queue is the whole queue's fluid).
    #[cfg(test)]
    pub fn queues(&self, backlog_i: f64, backlog_s: f64) -> Crews {
        self.prepare().queues(backlog_i, backlog_s)
    }
}

/// A tour's queues before the backlog is known.
#[derive(Debug, Clone, Copy)]
pub struct Prepared {
    i_over: bool,
    s_over: bool,
    lambda_i: f64,
    lambda: f64,
    mu_i: f64,
    mu_s: f64,
    cap_i: f64,
    cap_s: f64,
    steady_i: Steady,
    steady_s: Steady,
    tour_hours: f64,
    free_for_i: f64,
    free_for_s: f64,
}

impl Prepared {
    /// The chances that an I and an S call wait for a crew (1 at or over
    /// capacity).
    pub fn wait_chances(&self) -> (f64, f64) {
        let chance = |over: bool, s: Steady| if over { 1.0 } else { s.p };
        (
            chance(self.i_over, self.steady_i),
            chance(self.s_over, self.steady_s),
        )
    }

    /// Whether either queue is at or over capacity.
    pub fn short(&self) -> bool {
        self.i_over || self.s_over
    }

    /// The queues given the backlogs the tour starts with.
    pub fn queues(&self, backlog_i: f64, backlog_s: f64) -> Crews {
        let i = if backlog_i > 0.0 || self.i_over {
            TourQueue::Fluid {
                q0: backlog_i,
                lambda: self.lambda_i,
                mu: self.mu_i,
                hours: self.tour_hours,
                cap_minutes: self.cap_i,
                after: self.steady_i,
            }
        } else {
            TourQueue::Steady(self.steady_i)
        };
        let s = if backlog_s > 0.0 || self.s_over {
            TourQueue::Fluid {
                q0: backlog_s,
                lambda: self.lambda,
                mu: self.mu_s,
                hours: self.tour_hours,
                cap_minutes: self.cap_s,
                after: self.steady_s,
            }
        } else {
            TourQueue::Steady(self.steady_s)
        };
        Crews {
            i,
            s,
            free_for_i: self.free_for_i,
            free_for_s: self.free_for_s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::week::continued_erlang::erlang_c_real;
    use crate::week::queue::erlang_c;

    fn load(crews: f64, divertible: f64) -> Load {
        Load {
            crews,
            lambda_i: 3.0,
            lambda_s: 4.0,
            hours_i: 1.5,
            hours_s: 2.0,
            divertible,
            tour_hours: 8.0,
        }
    }

    #[test]
    fn full_divertibility_gives_version_one_i_queue() {
        // π = 1: I sees all c crews and only its own load (MODEL §5.3 limit).
        let l = load(20.0, 1.0);
        let q = l.queues(0.0, 0.0);
        let TourQueue::Steady(s) = q.i else {
            panic!("steady expected")
        };
        let c = erlang_c(20, 4.5).unwrap();
        assert!((s.p - c).abs() < 1e-12);
        assert!((s.rate - (20.0 - 4.5) / (1.5 * 60.0)).abs() < 1e-12);
    }

    #[test]
    fn non_divertible_s_work_slows_i() {
        let wait = |pi: f64| {
            let TourQueue::Steady(s) = load(16.0, pi).queues(0.0, 0.0).i else {
                panic!()
            };
            s.mean
        };
        assert!(wait(0.0) > wait(0.5) && wait(0.5) > wait(1.0));
    }

    #[test]
    fn s_wait_matches_the_priority_formula_and_exceeds_i() {
        let l = load(16.0, 0.5);
        let q = l.queues(0.0, 0.0);
        let (TourQueue::Steady(i), TourQueue::Steady(s)) = (q.i, q.s) else {
            panic!()
        };
        let (a_i, a_s) = l.offered();
        let a = a_i + a_s;
        let p = erlang_c_real(16.0, a).unwrap();
        let w = p * (a / 7.0) / (16.0 * (1.0 - a_i / 16.0) * (1.0 - a / 16.0)) * 60.0;
        let cap = finite_tour_wait(7.0, 16.0 * 7.0 / a, 8.0);
        assert!((s.mean - w.min(cap)).abs() < 1e-9);
        assert!(s.mean > i.mean);
    }

    #[test]
    fn more_crews_never_wait_longer() {
        let mut last = (f64::INFINITY, f64::INFINITY);
        for k in 0..200 {
            let c = 8.0 + k as f64 * 0.1;
            let q = load(c, 0.5).queues(0.0, 0.0);
            let (_, mi) = q.i.on_time_and_mean(15.0, 5.0, |_| 1.0);
            let (_, ms) = q.s.on_time_and_mean(60.0, 5.0, |_| 1.0);
            assert!(mi <= last.0 + 1e-9 && ms <= last.1 + 1e-9, "at c = {c}");
            last = (mi, ms);
        }
    }

    #[test]
    fn waits_do_not_jump_at_full_load() {
        // Across a = c the S wait changes smoothly (no 480-minute cliff).
        let l = load(14.0, 0.5);
        let (a_i, a_s) = l.offered();
        let just = |c: f64| {
            let q = Load { crews: c, ..l }.queues(0.0, 0.0);
            q.s.on_time_and_mean(60.0, 5.0, |_| 1.0).1
        };
        let a = a_i + a_s;
        let below = just(a + 1e-6);
        let above = just(a - 1e-6);
        assert!((below - above).abs() < 1.0, "{below} vs {above}");
    }
}
