//! What can stop a pipeline, in two kinds the command line maps to exit codes:
//! bad input (scenario, dataset, part files or flags) and a run that failed
//! (a pool that cannot meet the policy, outputs that could not be written).

use std::fmt;

/// What stopped a pipeline; each message is complete as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PipelineError {
    /// The input is wrong: the message says where and how (exit code 2).
    BadInput(String),
    /// The input was good but the run could not be done or written (exit code 1).
    RunFailed(String),
}

impl PipelineError {
    /// The worse of two errors: bad input outranks a failed run.
    pub fn worst(self, other: PipelineError) -> PipelineError {
        match (&self, &other) {
            (PipelineError::RunFailed(_), PipelineError::BadInput(_)) => other,
            _ => self,
        }
    }
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::BadInput(m) | PipelineError::RunFailed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for PipelineError {}
