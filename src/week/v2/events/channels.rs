//! Dispatch channels in the event-level simulation (MODEL §5.5, §5.7): each
//! channel group's k channels take jobs (its boroughs' I and S calls and other
//! traffic) in order of arrival, I calls before every other job, without
//! interrupting a job in hand. A call's dispatch wait is the time from its
//! arrival until a dispatcher takes it up; its crew queue starts then.
//!
//! Deterministic given the calls; no randomness here.

use std::collections::VecDeque;

use super::calls::UnitCalls;

/// Dispatch waits (hours) of the unit's calls, by call index, for channel
/// groups given as (borough positions served, channels).
pub fn dispatch_waits(uc: &UnitCalls, groups: &[(Vec<usize>, u32)], boroughs: usize) -> Vec<f64> {
    let mut waits = vec![0.0; uc.calls.len()];
    let mut group_of = vec![usize::MAX; boroughs];
    for (g, (bs, _)) in groups.iter().enumerate() {
        for &k in bs {
            group_of[k] = g;
        }
    }
    for (g, &(_, k)) in groups.iter().enumerate() {
        // The group's jobs in order of arrival (a stable sort: ties keep calls
        // before other traffic, each in its own order).
        let mut jobs: Vec<Job> = uc
            .calls
            .iter()
            .enumerate()
            .filter(|(_, c)| group_of[c.borough as usize] == g)
            .map(|(i, c)| Job::call(i, c.time, c.is_i, c.handling))
            .chain(
                uc.other
                    .iter()
                    .filter(|j| group_of[j.borough as usize] == g)
                    .map(|j| Job {
                        time: j.time,
                        urgent: false,
                        handling: j.handling,
                        call: None,
                    }),
            )
            .collect();
        jobs.sort_by(|a, b| a.time.total_cmp(&b.time));
        for (job, wait) in serve(&jobs, k.max(1) as usize) {
            if let Some(c) = job.call {
                waits[c] = wait;
            }
        }
    }
    waits
}

/// One channel job.
#[derive(Debug, Clone, Copy)]
pub struct Job {
    pub time: f64,
    /// An I call: taken before every other job.
    pub urgent: bool,
    pub handling: f64,
    pub call: Option<usize>,
}

impl Job {
    fn call(c: usize, time: f64, urgent: bool, handling: f64) -> Job {
        Job {
            time,
            urgent,
            handling,
            call: Some(c),
        }
    }
}

/// Serves `jobs` (in order of arrival) on `k` channels, non-pre-emptive
/// priority to urgent jobs, first come first served within a class; returns
/// each job with its wait.
pub fn serve(jobs: &[Job], k: usize) -> Vec<(Job, f64)> {
    let mut out = Vec::with_capacity(jobs.len());
    let mut free_at = vec![f64::NEG_INFINITY; k];
    let (mut urgent, mut rest) = (VecDeque::new(), VecDeque::new());
    let mut next = 0;
    loop {
        // The channel that frees first (lowest index on ties).
        let (ch, tf) = free_at
            .iter()
            .copied()
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |b, (c, t)| if t < b.1 { (c, t) } else { b },
            );
        while next < jobs.len() && jobs[next].time <= tf {
            if jobs[next].urgent {
                urgent.push_back(next);
            } else {
                rest.push_back(next);
            }
            next += 1;
        }
        let j = match urgent.pop_front().or_else(|| rest.pop_front()) {
            Some(j) => j,
            None if next < jobs.len() => {
                next += 1;
                next - 1
            }
            None => break,
        };
        let start = tf.max(jobs[j].time);
        out.push((jobs[j], start - jobs[j].time));
        free_at[ch] = start + jobs[j].handling;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(time: f64, urgent: bool, handling: f64) -> Job {
        Job {
            time,
            urgent,
            handling,
            call: None,
        }
    }

    #[test]
    fn urgent_jobs_overtake_but_never_interrupt() {
        // One channel: a routine job at 0 for 1 h; another routine at 0.1;
        // an urgent one at 0.2 goes next, at 1.0.
        let jobs = [
            job(0.0, false, 1.0),
            job(0.1, false, 1.0),
            job(0.2, true, 0.5),
        ];
        let out = serve(&jobs, 1);
        let waits: Vec<(f64, bool)> = out.iter().map(|(j, w)| (j.time, *w > 0.0)).collect();
        assert_eq!(out[0].1, 0.0);
        assert_eq!(out[1].0.time, 0.2);
        assert!((out[1].1 - 0.8).abs() < 1e-12);
        assert_eq!(out[2].0.time, 0.1);
        assert!((out[2].1 - 1.4).abs() < 1e-12, "{waits:?}");
    }

    #[test]
    fn two_channels_serve_two_at_once() {
        let jobs = [
            job(0.0, false, 1.0),
            job(0.0, false, 1.0),
            job(0.5, false, 1.0),
        ];
        let out = serve(&jobs, 2);
        assert_eq!(out[0].1, 0.0);
        assert_eq!(out[1].1, 0.0);
        assert!((out[2].1 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn mm1_wait_matches_the_formula() {
        // M/M/1 at load 0.6: mean wait ρ/(μ − λ) = 0.6 / 0.4 = 1.5 (μ = 1).
        let mut x = 12345u64;
        let mut u = || {
            x = super::super::calls::mix(x);
            ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let mut t = 0.0;
        let jobs: Vec<Job> = (0..400_000)
            .map(|_| {
                t += -u().ln() / 0.6;
                job(t, false, -u().ln())
            })
            .collect();
        let out = serve(&jobs, 1);
        let mean = out.iter().map(|(_, w)| w).sum::<f64>() / out.len() as f64;
        assert!((mean - 1.5).abs() < 0.06, "{mean}");
    }
}
