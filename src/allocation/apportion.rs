//! Whole-number shares that add up exactly (Hamilton's largest-remainder method).

/// Splits `total` in proportion to `weights`, each part at least `floor[i]`.
/// Parts below their floor are fixed at it and the rest re-shared among the others
/// ("water-filling"), so floors bind only where they must. Ties go to the lower
/// index, so the result is deterministic. Zero weights everywhere share equally.
/// Requires `sum(floor) <= total`.
pub fn largest_remainder(total: u64, weights: &[f64], floor: &[u64]) -> Vec<u64> {
    let n = weights.len();
    assert_eq!(n, floor.len());
    if n == 0 {
        return Vec::new();
    }
    let w: Vec<f64> = if weights.iter().all(|&x| x <= 0.0) {
        vec![1.0; n]
    } else {
        weights.iter().map(|&x| x.max(0.0)).collect()
    };
    let mut fixed = vec![false; n];
    // Fix parts whose proportional share falls below their floor, until stable.
    loop {
        let free_total = total as f64
            - (0..n)
                .filter(|&i| fixed[i])
                .map(|i| floor[i] as f64)
                .sum::<f64>();
        let free_weight: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| w[i]).sum();
        let mut changed = false;
        for i in 0..n {
            if !fixed[i] {
                let share = if free_weight > 0.0 {
                    free_total * w[i] / free_weight
                } else {
                    0.0
                };
                if share < floor[i] as f64 {
                    fixed[i] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let fixed_total: u64 = (0..n).filter(|&i| fixed[i]).map(|i| floor[i]).sum();
    let free_total = total - fixed_total;
    let free_weight: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| w[i]).sum();
    let mut out = vec![0u64; n];
    let mut remainders = Vec::new();
    let mut given = 0u64;
    for i in 0..n {
        if fixed[i] {
            out[i] = floor[i];
        } else if free_weight > 0.0 {
            let exact = free_total as f64 * w[i] / free_weight;
            out[i] = exact.floor() as u64;
            given += out[i];
            remainders.push((exact - exact.floor(), i));
        }
    }
    let mut left = free_total.saturating_sub(given);
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().cycle().take(remainders.len().max(1) * 2) {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    // Only reachable if every part is fixed: give any rest to the first part.
    if left > 0 {
        out[0] += left;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_follow_weights() {
        let parts = largest_remainder(10, &[1.0, 1.0, 1.0], &[0, 0, 0]);
        assert_eq!(parts, vec![4, 3, 3]);
        let parts = largest_remainder(100, &[3.0, 1.0], &[0, 0]);
        assert_eq!(parts, vec![75, 25]);
    }

    #[test]
    fn floors_bind_and_the_rest_is_reshared() {
        // Proportional would give [90, 10]; the floor of 30 lifts the second part
        // and the first takes what is left.
        let parts = largest_remainder(100, &[9.0, 1.0], &[0, 30]);
        assert_eq!(parts, vec![70, 30]);
    }
}
