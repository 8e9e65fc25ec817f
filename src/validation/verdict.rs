//! A check's verdict from the model's figure and the published one, by the
//! check's rule. Misfits are verdicts like any other: nothing here fails a run.
//!
//! Pure functions; no I/O.

use serde::Serialize;

use super::table::Rule;

/// The model's figure for a check: the mean over simulated weeks (for a change,
/// the mean paired difference) and its 95% CI; no CI when the figure is an
/// input, not simulated.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ModelFigure {
    pub mean: f64,
    pub ci95: Option<(f64, f64)>,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Within the stated band of the published figure.
    Fits,
    /// Outside it.
    Misfit,
    /// A change of the published sign, beyond noise, but of another size.
    SignRightSizeOff,
    /// A change beyond noise of the other sign.
    WrongSign,
    /// A published change the model cannot tell from noise.
    NoChangeBeyondNoise,
    /// A face-validity property that held.
    Holds,
    /// One that did not.
    Fails,
    /// The model gave no finite figure (every simulated week overloaded).
    NoFigure,
}

impl Verdict {
    /// The verdict in plain words.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Fits => "fits",
            Verdict::Misfit => "misfit",
            Verdict::SignRightSizeOff => "sign right, size off",
            Verdict::WrongSign => "wrong sign",
            Verdict::NoChangeBeyondNoise => "no change beyond noise",
            Verdict::Holds => "holds",
            Verdict::Fails => "fails",
            Verdict::NoFigure => "no figure",
        }
    }

    /// Whether the model passed the check.
    pub fn passed(self) -> bool {
        matches!(self, Verdict::Fits | Verdict::Holds)
    }
}

/// The verdict of `rule` on the model's figure, the published one and whether
/// more of the metric is better (for `NotWorse`).
pub fn verdict(
    rule: Rule,
    model: Option<ModelFigure>,
    published: Option<f64>,
    higher_is_better: bool,
) -> Verdict {
    let Some(m) = model.filter(|m| m.mean.is_finite()) else {
        return Verdict::NoFigure;
    };
    let (lo, hi) = m.ci95.unwrap_or((m.mean, m.mean));
    let p = published.unwrap_or(0.0);
    let pass = |ok: bool| if ok { Verdict::Holds } else { Verdict::Fails };
    match rule {
        Rule::Within(t) => {
            if (m.mean - p).abs() <= t {
                Verdict::Fits
            } else {
                Verdict::Misfit
            }
        }
        Rule::SignAndSize(factor) => {
            if lo <= 0.0 && hi >= 0.0 {
                Verdict::NoChangeBeyondNoise
            } else if (m.mean > 0.0) != (p > 0.0) {
                Verdict::WrongSign
            } else {
                let ratio = m.mean.abs() / p.abs();
                if ratio >= 1.0 / factor && ratio <= factor {
                    Verdict::Fits
                } else {
                    Verdict::SignRightSizeOff
                }
            }
        }
        Rule::NotWorse => pass(if higher_is_better {
            hi >= 0.0
        } else {
            lo <= 0.0
        }),
        Rule::Zero => pass(m.mean.abs() <= 1e-12 && lo.abs() <= 1e-12 && hi.abs() <= 1e-12),
        Rule::NearZero(t) => pass(m.mean.abs() <= t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(mean: f64, lo: f64, hi: f64) -> Option<ModelFigure> {
        Some(ModelFigure {
            mean,
            ci95: Some((lo, hi)),
        })
    }

    #[test]
    fn a_level_fits_inside_its_band_and_misfits_outside() {
        let r = Rule::Within(0.03);
        assert_eq!(
            verdict(r, fig(0.90, 0.89, 0.91), Some(0.926), true),
            Verdict::Fits
        );
        assert_eq!(
            verdict(r, fig(0.89, 0.88, 0.90), Some(0.926), true),
            Verdict::Misfit
        );
        assert_eq!(verdict(r, None, Some(0.926), true), Verdict::NoFigure);
    }

    #[test]
    fn a_change_needs_its_sign_beyond_noise_and_a_size_within_the_factor() {
        let r = Rule::SignAndSize(2.0);
        let p = Some(-0.138);
        assert_eq!(verdict(r, fig(-0.10, -0.11, -0.09), p, true), Verdict::Fits);
        assert_eq!(
            verdict(r, fig(-0.05, -0.06, -0.04), p, true),
            Verdict::SignRightSizeOff
        );
        assert_eq!(
            verdict(r, fig(-0.30, -0.31, -0.29), p, true),
            Verdict::SignRightSizeOff
        );
        assert_eq!(
            verdict(r, fig(0.05, 0.04, 0.06), p, true),
            Verdict::WrongSign
        );
        assert_eq!(
            verdict(r, fig(-0.01, -0.03, 0.01), p, true),
            Verdict::NoChangeBeyondNoise
        );
    }

    #[test]
    fn face_validity_rules_read_the_metric_direction() {
        // Higher is better: a loss beyond noise fails.
        assert_eq!(
            verdict(Rule::NotWorse, fig(-0.01, -0.02, -0.005), None, true),
            Verdict::Fails
        );
        assert_eq!(
            verdict(Rule::NotWorse, fig(-0.01, -0.02, 0.001), None, true),
            Verdict::Holds
        );
        // Lower is better (minutes): a rise beyond noise fails.
        assert_eq!(
            verdict(Rule::NotWorse, fig(0.5, 0.2, 0.8), None, false),
            Verdict::Fails
        );
        assert_eq!(
            verdict(Rule::Zero, fig(0.0, 0.0, 0.0), Some(0.0), false),
            Verdict::Holds
        );
        assert_eq!(
            verdict(Rule::Zero, fig(0.1, 0.0, 0.2), Some(0.0), false),
            Verdict::Fails
        );
        assert_eq!(
            verdict(
                Rule::NearZero(0.01),
                fig(0.004, 0.0, 0.008),
                Some(0.0),
                true
            ),
            Verdict::Holds
        );
        assert_eq!(
            verdict(Rule::NearZero(0.01), fig(0.02, 0.01, 0.03), Some(0.0), true),
            Verdict::Fails
        );
    }
}
