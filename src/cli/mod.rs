//! The command line: arguments (clap), progress bars (indicatif), what goes to
//! stdout and stderr, and exit codes. The only module that touches the terminal.

mod args;
mod commands;
mod merge;
mod outputs;
mod pictures;
mod progress;
mod sharded;

pub use args::Cli;
pub use commands::execute;

/// Exit codes, as documented in `--help`.
pub mod exit {
    pub const OK: u8 = 0;
    pub const RUN_FAILED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
}
