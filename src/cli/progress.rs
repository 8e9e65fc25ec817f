//! Progress bars on stderr, hidden when stderr is not a terminal or with --quiet.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::montecarlo::Progress;

pub struct Bars {
    multi: MultiProgress,
    pub scenarios: ProgressBar,
}

impl Bars {
    pub fn new(quiet: bool, scenarios: u64) -> Bars {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let multi = MultiProgress::with_draw_target(target);
        let bar = multi.add(ProgressBar::new(scenarios));
        bar.set_style(
            ProgressStyle::with_template("scenarios {pos}/{len} {wide_msg}")
                .expect("static template"),
        );
        if scenarios < 2 {
            bar.finish_and_clear();
        }
        Bars {
            multi,
            scenarios: bar,
        }
    }

    pub fn draws(&self, name: &str, draws: u64) -> DrawBar {
        let bar = self.multi.add(ProgressBar::new(draws));
        bar.set_style(
            ProgressStyle::with_template(
                "{msg:<28} [{bar:30}] {pos}/{len} draws  {per_sec}  eta {eta}",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        bar.set_message(name.to_string());
        DrawBar(bar)
    }

    /// Prints a line above the bars without tearing them.
    pub fn println(&self, text: &str) {
        if self.multi.is_hidden() {
            eprintln!("{text}");
        } else {
            let _ = self.multi.println(text);
        }
    }
}

pub struct DrawBar(pub ProgressBar);

impl Progress for DrawBar {
    fn advance(&self, draws: u64) {
        self.0.inc(draws);
    }
}
