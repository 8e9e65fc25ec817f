//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::shard::ShardArg;

const AFTER_HELP: &str = "\
Examples:
  wardsim run scenarios/two-pcs-per-ward.toml
  wardsim run scenarios/status-quo-2016.toml scenarios/two-pcs-per-ward.toml --draws 20000
  wardsim compare scenarios/status-quo-2016.toml scenarios/two-pcs-per-ward.toml
  wardsim allocate scenarios/two-pcs-optimised.toml --write-lp model.lp
  wardsim run scenarios/sweep-pool-two-pcs.toml --shard 2/4 --out parts   (one shard of four)
  wardsim merge parts/sweep-pool-two-pcs.part-*-of-4.json --out out
  wardsim validate                                    (the backtests against London's record)
  wardsim check scenarios/*.toml
  wardsim data

Exit codes:
  0  success
  1  a run failed (e.g. the pool cannot meet the policy minimums), or outputs could not be written
  2  bad input: scenario, dataset or command-line problems (each reported as file:line:column)
  130  stopped by Ctrl-C or SIGTERM, after any output folder being written was complete";

/// The whole command line.
#[derive(Debug, Parser)]
#[command(name = "wardsim", version, about = "Spread a fixed pool of police officers across a city's wards and command units, and see what each choice does to emergency response and neighbourhood policing, with honest uncertainty.", after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run scenarios (several files = a batch on the same draws) and write an output folder for each
    #[command(
        after_help = "Each scenario writes <OUT>/<scenario name>/: summary.json, wards.csv, units.csv, boroughs.csv, allocation.csv,\nreport.html and charts/ (SVG and PNG: ward maps, distributions, bars with CIs; skip with --no-charts).\nWith several files, all use the same seed and draws (common random numbers)."
    )]
    Run(RunArgs),
    /// Run scenarios side by side on the same draws and compare them with paired 95% CIs
    #[command(
        after_help = "The first scenario is the baseline: every other is compared with it, draw by draw.\nWrites <OUT>/comparison.csv, comparison.json, wards_diff.csv, boroughs_diff.csv, report.html, charts/ and one folder per scenario.\nDefault <OUT>: out/compare-<first>-vs-<second>[-vs-...]."
    )]
    Compare(CompareArgs),
    /// Allocate a scenario's pool without the Monte Carlo run; export the LP it solves
    #[command(
        after_help = "Prints the allocation's totals and, for `optimise` scenarios, the optimiser's report in plain words.\n--write-lp / --write-mps write the exact LP of the in-sample weeks (CPLEX LP / free MPS), which an external solver (glpsol, cbc, highs) solves to the reported LP bound."
    )]
    Allocate(AllocateArgs),
    /// Validate scenario files without running them
    Check {
        /// Scenario files (TOML)
        #[arg(required = true, value_name = "SCENARIO.toml")]
        scenarios: Vec<PathBuf>,
    },
    /// Merge the part files of a sharded run or comparison into exactly the outputs the whole run writes
    #[command(
        after_help = "Give every part of one run (or a folder of them). The parts must come from the same scenarios, seed,\ndraws and wardsim version, one file per shard; a missing or repeated shard is named with the draws it holds.\nRun it where the shards ran: the scenario files are read again (and must be unchanged) to rebuild the summaries.\n--out is the command's own: for a run, the folder that receives a sub-folder per scenario or sweep [default: out];\nfor a comparison, the comparison folder [default: out/compare-<first>-vs-<second>...]."
    )]
    Merge(MergeArgs),
    /// Run the backtests against London's published record and report model next to published
    #[command(
        after_help = "Runs the backtests that ship with wardsim (validation/: the 2014 calibration, the 2017 and 2018 pool-shrink\nhold-outs, the 2017 Central North merger pilot, and face-validity checks), or those of DIR (a folder with\npublished.csv and the scenario files it names). Prints each check with the published figure, the model's with\nits 95% CI, the error, the band and a verdict, and writes <OUT>/validation.csv, validation.json, report.html\nand charts/ [default <OUT>: out/validation]. Misfits are reported, not failures: exit 0 when every backtest ran."
    )]
    Validate(ValidateArgs),
    /// Summarise a dataset: wards, boroughs, command units, population, crime
    Data {
        /// A dataset folder in the wardsim CSV format (default: the embedded London 2014 data)
        #[arg(long, value_name = "DIR")]
        dataset: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A folder of backtests (published.csv and scenario files); default: the ones wardsim ships
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Seed for every backtest (overrides each scenario's [run] seed)
    #[arg(long)]
    pub seed: Option<u64>,
    /// Simulated weeks for every backtest (overrides each scenario's [run] draws)
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=100_000_000))]
    pub draws: Option<u64>,
    /// Output folder [default: out/validation]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores); results are identical for any value
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// No progress bar and no table on stdout
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the charts and report.html
    #[arg(long)]
    pub no_charts: bool,
    /// Replace an output folder that wardsim wrote from other files
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario files (TOML), or folders of them
    #[arg(required = true, value_name = "SCENARIO.toml")]
    pub scenarios: Vec<PathBuf>,
    /// Seed for every random stream (overrides [run] seed)
    #[arg(long)]
    pub seed: Option<u64>,
    /// Monte Carlo draws, one simulated week each (overrides [run] draws)
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=100_000_000))]
    pub draws: Option<u64>,
    /// Folder that receives one sub-folder per scenario [default: out]; with a shard, the folder for its part file [default: out/parts]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores); results are identical for any value
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// Sweep points run at once (default 1); results are identical for any value
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub jobs: u64,
    /// Estimate the optimiser's optimality gap with N replications (Mak, Morton & Wood); `optimise` scenarios only
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=1000))]
    pub gap_batches: Option<u32>,
    /// No progress bars and no summary on stdout (errors still go to stderr)
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the charts, maps and report.html (drawn after the Monte Carlo, never during it)
    #[arg(long)]
    pub no_charts: bool,
    /// Replace an output folder that wardsim wrote from other scenario files (never a folder wardsim did not write)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub shard: ShardArgs,
}

/// Which shard to run, for `run` and `compare`.
#[derive(Debug, Args)]
pub struct ShardArgs {
    /// Run only shard K of N of the draws (and sweep points) and write a part file for `wardsim merge`; `off` runs whole even inside a job array [default: from SLURM_ARRAY_TASK_ID, if set]
    #[arg(long, value_name = "K/N")]
    pub shard: Option<ShardArg>,
    /// The number of shards, with this shard's number from SLURM_ARRAY_TASK_ID (numbered from 1) or JOB_COMPLETION_INDEX (from 0)
    #[arg(long, value_name = "N", conflicts_with = "shard", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub shards: Option<u64>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Part files written by `run --shard` or `compare --shard`, or folders of them
    #[arg(required = true, value_name = "PART.json")]
    pub parts: Vec<PathBuf>,
    /// Where the merged outputs go, as for the command that was sharded
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores); results are identical for any value
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// No summary on stdout (errors still go to stderr)
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the charts, maps and report.html
    #[arg(long)]
    pub no_charts: bool,
    /// Replace an output folder that wardsim wrote from other scenario files (never a folder wardsim did not write)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AllocateArgs {
    /// One scenario file (TOML)
    #[arg(value_name = "SCENARIO.toml")]
    pub scenario: PathBuf,
    /// Write the LP in CPLEX LP format
    #[arg(long, value_name = "FILE")]
    pub write_lp: Option<PathBuf>,
    /// Write the LP in free MPS format
    #[arg(long, value_name = "FILE")]
    pub write_mps: Option<PathBuf>,
    /// Seed for every random stream (overrides [run] seed)
    #[arg(long)]
    pub seed: Option<u64>,
    /// Estimate the optimality gap with N replications (Mak, Morton & Wood)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=1000))]
    pub gap_batches: Option<u32>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files (TOML); the first is the baseline
    #[arg(required = true, num_args = 1.., value_name = "SCENARIO.toml")]
    pub scenarios: Vec<PathBuf>,
    /// Seed for every random stream (default: the first scenario's)
    #[arg(long)]
    pub seed: Option<u64>,
    /// Monte Carlo draws (default: the first scenario's)
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=100_000_000))]
    pub draws: Option<u64>,
    /// Folder for the comparison [default: out/compare-<first>-vs-<second>...]; with a shard, the folder for its part file [default: out/parts]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: all cores); results are identical for any value
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// No progress bars and no table on stdout (errors still go to stderr)
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the charts, maps and report.html (drawn after the Monte Carlo, never during it)
    #[arg(long)]
    pub no_charts: bool,
    /// Replace an output folder that wardsim wrote from other scenario files (never a folder wardsim did not write)
    #[arg(long)]
    pub force: bool,
    /// How the comparison is printed: a text table, or Markdown for briefings, issues and wikis (comparison.md is written either way)
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    #[command(flatten)]
    pub shard: ShardArgs,
}

/// How a comparison is printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Markdown,
}
