//! The `wardsim` binary: parse arguments, hand over to the library, exit with its code.

use std::process::ExitCode;

use clap::Parser;
use wardsim::cli::{Cli, execute, exit};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::BAD_INPUT
            } else {
                exit::OK
            });
        }
    };
    ExitCode::from(execute(cli))
}
