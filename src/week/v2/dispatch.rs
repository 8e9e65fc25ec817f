//! The dispatch layer (MODEL §5.5): k channels (dispatchers) serve a group's
//! dispatch jobs at rate λ_d = (λ_I + λ_S) / (1 − other_traffic_share), I before
//! S, each job taking τ on average with coefficient of variation cv:
//! W_d,I = C(k, a_d)·τ / (k (1 − σ_I)) · (1 + cv²)/2, W_d,S = W_d,I / (1 − σ),
//! σ_I = λ_I τ / k, σ = λ_d τ / k. σ ≥ 1 is dispatch overload: the queue of
//! non-I jobs grows through the tour (fluid), as crews' queues do
//! (`waits`), and the tour is counted apart from crew overload.
//!
//! Pure functions; no randomness.

use super::waits::finite_tour_wait;
use crate::model::params::Dispatch;
use crate::week::queue::erlang_c;

/// Dispatch waits of a channel group in one tour: means in minutes, and the
/// chance a job waits at all (Erlang C; 1 in overload). A job that waits is
/// taken to wait an exponential time with mean `i / p` (or `s / p`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DispatchWait {
    pub i: f64,
    pub s: f64,
    pub p: f64,
    /// σ ≥ 1: the channels cannot keep up.
    pub overloaded: bool,
}

/// Waits of `channels` channels given I and S calls an hour.
pub fn dispatch_wait(
    channels: u32,
    lambda_i: f64,
    lambda_s: f64,
    d: &Dispatch,
    tour_hours: f64,
) -> DispatchWait {
    let k = f64::from(channels.max(1));
    let tau = d.handling_minutes / 60.0;
    let lambda = (lambda_i + lambda_s) / (1.0 - d.other_traffic_share);
    if lambda <= 0.0 {
        return DispatchWait::NONE;
    }
    let shape = (1.0 + d.handling_cv * d.handling_cv) / 2.0;
    let mu = k / tau; // jobs an hour the channels clear
    let sigma_i = lambda_i * tau / k;
    let sigma = lambda * tau / k;
    // Non-I jobs clear at what I leaves; their finite-tour wait keeps S finite
    // and continuous through σ = 1.
    let left = (mu - lambda_i).max(1e-9);
    let cap = finite_tour_wait(lambda - lambda_i, left, tour_hours) * shape;
    let p = if sigma < 1.0 {
        erlang_c(channels.max(1), lambda * tau).unwrap_or(1.0)
    } else {
        1.0
    };
    let i = if sigma_i < 1.0 {
        p * tau / (k * (1.0 - sigma_i)) * shape * 60.0
    } else {
        // Even I work alone overwhelms the channels: its queue grows all tour.
        (lambda_i - mu) * tour_hours / 2.0 / mu * 60.0
            + finite_tour_wait(lambda_i, mu, tour_hours) * shape
    };
    let s = if sigma < 1.0 {
        (i / (1.0 - sigma)).min(i + cap)
    } else {
        i + cap + (lambda - mu) * tour_hours / 2.0 / left * 60.0
    };
    DispatchWait {
        i,
        s,
        p,
        overloaded: sigma >= 1.0,
    }
}

impl DispatchWait {
    /// No dispatch wait.
    pub const NONE: DispatchWait = DispatchWait {
        i: 0.0,
        s: 0.0,
        p: 0.0,
        overloaded: false,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Dispatch {
        Dispatch::default()
    }

    #[test]
    fn one_channel_one_grade_is_the_mm1_wait() {
        // No S, no other traffic, cv 1: W = ρ τ / (1 − ρ) for M/M/1.
        let dd = Dispatch {
            other_traffic_share: 0.0,
            ..d()
        };
        let w = dispatch_wait(1, 6.0, 0.0, &dd, 8.0);
        let rho = 6.0 * 4.0 / 60.0;
        assert!((w.i - rho * 4.0 / (1.0 - rho)).abs() < 1e-9);
        assert!(!w.overloaded);
    }

    #[test]
    fn s_waits_longer_than_i_and_merging_channels_hurts() {
        let one = dispatch_wait(1, 2.0, 3.0, &d(), 8.0);
        assert!(one.s > one.i && one.i > 0.0);
        // Two boroughs' calls on one channel: much longer waits.
        let merged = dispatch_wait(1, 4.0, 6.0, &d(), 8.0);
        assert!(merged.s > 2.0 * one.s);
        // On two channels the same traffic waits less than on one each.
        let two = dispatch_wait(2, 4.0, 6.0, &d(), 8.0);
        assert!(two.s < one.s);
    }

    #[test]
    fn overload_is_flagged_and_continuous() {
        // σ crosses 1 at λ_d = 15 jobs an hour (τ = 4 min), that is I + S calls
        // at 15 × (1 − 0.3) = 10.5 an hour.
        let below = dispatch_wait(1, 3.0, 10.4999 - 3.0, &d(), 8.0);
        let above = dispatch_wait(1, 3.0, 10.5001 - 3.0, &d(), 8.0);
        assert!(!below.overloaded);
        assert!(!dispatch_wait(1, 1.0, 1.0, &d(), 8.0).overloaded);
        assert!(above.overloaded);
        assert!((below.s - above.s).abs() < 0.5, "{below:?} {above:?}");
    }
}
