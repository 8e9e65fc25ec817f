//! An allocation: how many officers of each role go where.

use serde::Serialize;

/// How the pool is allocated: by formula or by the optimising LP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationMethod {
    /// Policy minima for wards and PCSOs; response officers shared across
    /// command units by expected response workload (a Resource Allocation Formula).
    Formula,
    /// The sample-average-approximation LP of MODEL §6 (or its exact marginal
    /// analysis where the problem is separable).
    Optimise,
}

impl AllocationMethod {
    /// The method's name, as scenario files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            AllocationMethod::Formula => "formula",
            AllocationMethod::Optimise => "optimise",
        }
    }
}

/// Whole officers by role. Wards are indexed like `Dataset::wards`, units like
/// `Structure::units`.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    pub method: AllocationMethod,
    pub ward_officers: Vec<u32>,
    pub pcsos: Vec<u32>,
    pub response_officers: Vec<u32>,
    /// Investigation, safeguarding, custody and the like: counted, not simulated.
    pub other_officers: Vec<u32>,
    pub overhead_officers: Vec<u32>,
    /// What the optimiser reports beside the counts (`optimise` only).
    pub optimisation: Option<Box<crate::model::Optimisation>>,
}

impl Allocation {
    /// Officers allocated in all roles.
    pub fn total_officers(&self) -> u64 {
        let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
        sum(&self.ward_officers)
            + sum(&self.response_officers)
            + sum(&self.other_officers)
            + sum(&self.overhead_officers)
    }

    /// PCSOs allocated.
    pub fn total_pcsos(&self) -> u64 {
        self.pcsos.iter().map(|&x| u64::from(x)).sum()
    }
}
