//! Worked examples of the event-level crews, solvable by hand, and the
//! invariants every run keeps.

use super::*;
use crate::model::params::TourChange;

fn call(time: f64, is_i: bool, service: f64, divertible: bool) -> Call {
    Call {
        time,
        ward: 0,
        borough: 0,
        is_i,
        divertible,
        atom: 0,
        service,
        eta: 1.0,
        nearest: 1.0,
        handling: 0.0,
    }
}

fn fleet(on_duty: Vec<Vec<u32>>, change: TourChange, patience: Option<f64>) -> Fleet {
    Fleet {
        pool_group: vec![0],
        groups: 1,
        on_duty,
        tour_hours: 8.0,
        tour_change: change,
        crossing: false,
        patrol: true,
        patience_hours: patience,
        crews_per_job: [1.0, 1.0],
    }
}

fn sent(calls: &[Call], f: &Fleet) -> Vec<Option<f64>> {
    let ready: Vec<f64> = calls.iter().map(|c| c.time).collect();
    let zeros = vec![0; calls.len()];
    run(f, calls, &ready, &zeros, &zeros, &Here)
        .iter()
        .map(|x| x.sent)
        .collect()
}

#[test]
fn one_crew_by_hand() {
    // S at 0 for 1 h; I at 0.5 (0.5 h); S at 0.6 (1 h).
    let f = fleet(vec![vec![1]], TourChange::Carry, None);
    // Not divertible: I waits for the crew (1.0), then S (1.5).
    let calls = [
        call(0.0, false, 1.0, false),
        call(0.5, true, 0.5, false),
        call(0.6, false, 1.0, false),
    ];
    assert_eq!(sent(&calls, &f), [Some(0.0), Some(1.0), Some(1.5)]);
    // Divertible: I takes the crew at 0.5 and is done at 1.0; the first S
    // job's last half hour goes first (1.0–1.5), then the second S call.
    let calls = [
        call(0.0, false, 1.0, true),
        call(0.5, true, 0.5, false),
        call(0.6, false, 1.0, false),
    ];
    assert_eq!(sent(&calls, &f), [Some(0.0), Some(0.5), Some(1.5)]);
}

#[test]
fn tour_changes_carry_or_overtime() {
    // One crew in the early tour, none in the late, one at night.
    let duty = vec![vec![1], vec![0], vec![1]];
    let calls = [
        call(7.5, true, 1.0, false),
        call(9.0, false, 1.0, false),
        call(9.5, true, 0.25, false),
    ];
    // Carry: the job in hand at 8 waits for the night crew (16–16.5);
    // I work first, then the waiting I call (16.5), then S (16.75).
    let f = fleet(duty.clone(), TourChange::Carry, None);
    assert_eq!(sent(&calls, &f), [Some(7.5), Some(16.75), Some(16.5)]);
    // Overtime: the crew finishes at 8.5 and goes home; the rest as before
    // but without the carried half hour.
    let f = fleet(duty, TourChange::Overtime, None);
    assert_eq!(sent(&calls, &f), [Some(7.5), Some(16.25), Some(16.0)]);
}

#[test]
fn s_calls_lapse_after_their_patience_and_every_call_is_accounted_for() {
    let f = fleet(vec![vec![1]], TourChange::Carry, Some(1.5));
    let calls = [
        call(0.0, true, 2.0, false),
        call(0.1, false, 1.0, false),
        call(1.0, false, 1.0, false),
    ];
    let ready: Vec<f64> = calls.iter().map(|c| c.time).collect();
    let z = vec![0; 3];
    let fates = run(&f, &calls, &ready, &z, &z, &Here);
    // At 2.0 the first S call has waited 1.9 h: lapsed; the second 1.0 h: sent.
    assert!(fates[1].lapsed && fates[1].sent.is_none());
    assert_eq!(fates[2].sent, Some(2.0));
    assert!(fates.iter().all(|x| x.sent.is_some() != x.lapsed));
}

#[test]
fn crews_on_duty_are_never_exceeded_and_every_call_is_reached() {
    // `run` checks after every event (debug builds) that no pool has more
    // crews at work or free than on duty; here under both tour changes.
    let duty = vec![vec![3], vec![5], vec![2]];
    let mut x = 7u64;
    let mut u = || {
        x = crate::week::v2::events::calls::mix(x);
        ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut t = 0.0;
    let calls: Vec<Call> = (0..3_000)
        .map(|_| {
            t += -u().ln() / 2.0;
            call(t, u() < 0.4, -u().ln() * 1.5, u() < 0.5)
        })
        .collect();
    for change in [TourChange::Carry, TourChange::Overtime] {
        let f = fleet(duty.clone(), change, None);
        let got = sent(&calls, &f);
        assert!(
            got.iter()
                .zip(&calls)
                .all(|(s, c)| s.is_some_and(|s| s >= c.time))
        );
    }
}
