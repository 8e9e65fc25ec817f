//! Integration tests: one binary, one module per concern.

// Tests and benches may say what they skip or measure.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod allocation;
mod architecture;
mod browser;
mod charts;
mod cli;
mod common;
mod compare;
mod data;
mod demand;
mod determinism;
mod events;
mod fuzz;
mod golden;
mod interrupt;
mod invalid;
mod model_v2;
mod optimise;
mod queue;
mod robustness;
mod scenarios;
mod shard;
mod sweep;
mod validate;
mod workbook;
