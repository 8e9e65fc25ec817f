//! One simulated week: its demand, sampled from the draw's own random stream
//! (`demand`, `rng`), and the recourse inside it given an allocation, into a
//! `DrawOutcome`. `evaluate` picks the response model: version 2 (`v2`, MODEL
//! §5: real-valued crews, patrol travel, one priority rule, dispatch channels,
//! queues carried between tours; `continued_erlang` gives its Erlang B and C for
//! a real number of servers) or version 1 (`recourse`, with its `queue`
//! formulas). Both share `surge` aid, `neighbourhood` cover and the
//! `response_time` grid. Both the optimiser (in-sample and out-of-sample weeks)
//! and the Monte Carlo (`montecarlo`) use it.
//!
//! This module must not loop over draws, aggregate across weeks, or touch the
//! terminal or files.

pub mod continued_erlang;
mod demand;
mod evaluate;
mod london;
mod neighbourhood;
mod outcome;
pub mod queue;
mod recourse;
pub mod response_time;
mod rng;
mod surge;
mod v2;

pub use demand::{DrawDemand, SurgeEvent, sample_demand};
pub use evaluate::evaluate;
pub use outcome::DrawOutcome;
pub use rng::draw_rng;
