//! Erlang C against a direct simulation of an M/M/c queue.

use rand::RngExt;
use wardsim::week::draw_rng;
use wardsim::week::queue::{erlang_c, mean_wait};

/// FCFS M/M/c by event simulation: returns (share of customers who waited, mean wait).
fn simulate_mmc(c: usize, lambda: f64, mu: f64, customers: usize) -> (f64, f64) {
    let mut rng = draw_rng(7, 0);
    let mut exp = |rate: f64| -(1.0 - rng.random::<f64>()).ln() / rate;
    let mut free_at = vec![0.0f64; c];
    let (mut t, mut waited, mut total_wait) = (0.0, 0usize, 0.0);
    for i in 0..customers {
        t += exp(lambda);
        let (k, &earliest) = free_at
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .unwrap();
        let start = t.max(earliest);
        if i > customers / 10 {
            if start > t {
                waited += 1;
            }
            total_wait += start - t;
        }
        free_at[k] = start + exp(mu);
    }
    let counted = (customers - customers / 10 - 1) as f64;
    (waited as f64 / counted, total_wait / counted)
}

#[test]
fn erlang_c_agrees_with_a_simulated_queue() {
    for (c, lambda) in [(3usize, 2.0), (5, 4.0), (1, 0.6)] {
        let (p_wait, wq) = simulate_mmc(c, lambda, 1.0, 400_000);
        let want_p = erlang_c(c as u32, lambda).unwrap();
        let want_wq = mean_wait(c as u32, lambda).unwrap();
        assert!(
            (p_wait - want_p).abs() < 0.015,
            "c={c}: simulated {p_wait}, Erlang C {want_p}"
        );
        assert!(
            (wq - want_wq).abs() / want_wq < 0.06,
            "c={c}: simulated wait {wq}, formula {want_wq}"
        );
    }
}
