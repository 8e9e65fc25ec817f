//! Colour-blind-safe colours: viridis for amounts (perceptually uniform, readable
//! in grey and by people with the common colour-vision deficiencies), a
//! blue–red diverging scale for changes (ColorBrewer RdBu, listed as colour-blind
//! safe), blue always meaning better, and the Okabe–Ito set for categories.
//!
//! This file only maps numbers to colours.

/// Viridis at nine evenly spaced points (matplotlib's published colour map).
const VIRIDIS: [&str; 9] = [
    "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30",
    "#fde725",
];

/// ColorBrewer RdBu, 9 classes, from red (worse) through near-white to blue (better).
const RED_BLUE: [&str; 9] = [
    "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3",
    "#2166ac",
];

/// Okabe & Ito (2008), "Color universal design": categories that stay apart.
pub const CATEGORIES: [&str; 7] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000",
];

/// Areas without an estimate.
pub const NO_DATA: &str = "#d9d9d9";

fn rgb(hex: &str) -> [f64; 3] {
    let v = u32::from_str_radix(&hex[1..], 16).expect("palette colours are hex");
    [
        f64::from((v >> 16) & 0xff),
        f64::from((v >> 8) & 0xff),
        f64::from(v & 0xff),
    ]
}

fn interpolate(stops: &[&str], t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let x = t * (stops.len() - 1) as f64;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f64;
    let (a, b) = (rgb(stops[i]), rgb(stops[i + 1]));
    let c: Vec<u8> = (0..3)
        .map(|k| (a[k] + (b[k] - a[k]) * f).round() as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// A sequential colour for `t` in [0, 1] (low = dark purple, high = yellow).
pub fn sequential(t: f64) -> String {
    interpolate(&VIRIDIS, t)
}

/// A diverging colour for `t` in [−1, 1]: −1 worse (red), 0 neutral, 1 better (blue).
pub fn diverging(t: f64) -> String {
    interpolate(&RED_BLUE, (t + 1.0) / 2.0)
}

/// Evenly spaced colours along a scale, for legend gradients.
pub fn stops(colour: fn(f64) -> String, lo: f64, hi: f64, n: usize) -> Vec<String> {
    (0..n)
        .map(|k| colour(lo + (hi - lo) * k as f64 / (n - 1) as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_hit_their_anchors_and_centre() {
        assert_eq!(sequential(0.0), "#440154");
        assert_eq!(sequential(1.0), "#fde725");
        assert_eq!(diverging(0.0), "#f7f7f7");
        assert_eq!(diverging(-1.0), "#b2182b");
        assert_eq!(diverging(1.0), "#2166ac");
        assert_eq!(sequential(f64::NAN), sequential(0.5));
    }
}
