//! One simulated week: its demand, sampled from the draw's own random stream
//! (`demand`, `rng`), and the recourse inside it given an allocation (`surge`,
//! `recourse` with its `queue` formulas and `response_time` grid,
//! `neighbourhood`), into a `DrawOutcome`. `continued_erlang` gives Erlang B and
//! C for a real number of servers, for the version 2 response model (MODEL §5.1,
//! §5.3); version 1 does not use it. Both the optimiser (in-sample and
//! out-of-sample weeks) and the Monte Carlo (`montecarlo`) use it.
//!
//! This module must not loop over draws, aggregate across weeks, or touch the
//! terminal or files.

pub mod continued_erlang;
mod demand;
mod neighbourhood;
mod outcome;
pub mod queue;
mod recourse;
pub mod response_time;
mod rng;
mod surge;

pub use demand::{DrawDemand, SurgeEvent, sample_demand};
pub use outcome::DrawOutcome;
pub use recourse::evaluate;
pub use rng::draw_rng;
