//! Which shard this process is: `--shard K/N` on the command line, or read from
//! the scheduler: a Slurm job array (shard K is array task K, numbered from 1) or
//! a Kubernetes indexed Job (`JOB_COMPLETION_INDEX`, numbered from 0, with the
//! number of shards from `--shards N`).

use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count`, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The value of `--shard`: `K/N`, or `off` to run whole even inside a job array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardArg {
    Off,
    Given(Shard),
}

impl FromStr for ShardArg {
    type Err = String;
    fn from_str(s: &str) -> Result<ShardArg, String> {
        if s == "off" {
            return Ok(ShardArg::Off);
        }
        let expected = "expected K/N with 1 ≤ K ≤ N (shard K of N, e.g. 2/4), or `off`";
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{expected}; found `{s}`"))?;
        let number = |x: &str| x.trim().parse::<u64>().ok().filter(|&v| v >= 1);
        match (number(k), number(n)) {
            (Some(index), Some(count)) if index <= count => {
                Ok(ShardArg::Given(Shard { index, count }))
            }
            _ => Err(format!("{expected}; found `{s}`")),
        }
    }
}

fn read(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<u64>, String> {
    match env(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| format!("{name} is `{v}`; expected a whole number")),
    }
}

/// The shard to run, and where that came from; `None` to run whole. `env` looks
/// up an environment variable.
pub fn resolve(
    arg: Option<ShardArg>,
    shards: Option<u64>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(Shard, String)>, String> {
    match arg {
        Some(ShardArg::Off) => return Ok(None),
        Some(ShardArg::Given(s)) => return Ok(Some((s, format!("--shard {s}")))),
        None => {}
    }
    if let Some(id) = read(env, "SLURM_ARRAY_TASK_ID")? {
        let min = read(env, "SLURM_ARRAY_TASK_MIN")?;
        let max = read(env, "SLURM_ARRAY_TASK_MAX")?;
        let task_count = read(env, "SLURM_ARRAY_TASK_COUNT")?;
        if id == 0 || min == Some(0) {
            return Err(
                "the Slurm job array is numbered from 0; number it from 1 (sbatch --array=1-N), \
                 so that shard K is array task K"
                    .into(),
            );
        }
        let count = match shards {
            Some(n) => n,
            None => match (min, max, task_count) {
                (Some(1), Some(max), Some(c)) if max == c => c,
                _ => {
                    return Err(format!(
                        "the Slurm job array is not 1-N with step 1 (task {id}; min {}, max {}, count {}), \
                         so the number of shards is unknown; give it with --shards N",
                        show(min),
                        show(max),
                        show(task_count)
                    ));
                }
            },
        };
        if id > count {
            return Err(format!(
                "SLURM_ARRAY_TASK_ID is {id} but there are {count} shards; \
                 re-running one shard? give the total with --shards N"
            ));
        }
        let shard = Shard { index: id, count };
        return Ok(Some((shard, format!("Slurm array task {id} of {count}"))));
    }
    if let Some(i) = read(env, "JOB_COMPLETION_INDEX")? {
        let Some(count) = shards else {
            return Err(
                "JOB_COMPLETION_INDEX is set but the number of shards is not; \
                 add --shards N (the Job's completions), or --shard off to run whole"
                    .into(),
            );
        };
        if i >= count {
            return Err(format!(
                "JOB_COMPLETION_INDEX is {i} but --shards is {count}; expected 0 to {}",
                count - 1
            ));
        }
        let shard = Shard {
            index: i + 1,
            count,
        };
        return Ok(Some((shard, format!("Kubernetes completion index {i}"))));
    }
    match shards {
        Some(_) => Err(
            "--shards N takes the shard number from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, \
             and neither is set; give --shard K/N instead"
                .into(),
        ),
        None => Ok(None),
    }
}

fn show(v: Option<u64>) -> String {
    v.map_or("unset".into(), |x| x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn shard(index: u64, count: u64) -> Shard {
        Shard { index, count }
    }

    #[test]
    fn parses_k_of_n_and_off() {
        assert_eq!("2/4".parse(), Ok(ShardArg::Given(shard(2, 4))));
        assert_eq!("off".parse(), Ok(ShardArg::Off));
        for bad in ["0/4", "5/4", "2", "a/b", "2/0", ""] {
            assert!(bad.parse::<ShardArg>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let slurm = env(&[("SLURM_ARRAY_TASK_ID", "3")]);
        let got = resolve(Some(ShardArg::Given(shard(1, 2))), None, &slurm).unwrap();
        assert_eq!(got.unwrap().0, shard(1, 2));
        assert_eq!(resolve(Some(ShardArg::Off), None, &slurm), Ok(None));
        assert_eq!(resolve(None, None, &env(&[])), Ok(None));
    }

    #[test]
    fn slurm_arrays_number_shards_from_one() {
        let full = env(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "4"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(resolve(None, None, &full).unwrap().unwrap().0, shard(3, 4));
        // One shard re-run alone (sbatch --array=3): the count must be given.
        let alone = env(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_MIN", "3"),
            ("SLURM_ARRAY_TASK_MAX", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "1"),
        ]);
        assert!(
            resolve(None, None, &alone)
                .unwrap_err()
                .contains("--shards")
        );
        assert_eq!(
            resolve(None, Some(4), &alone).unwrap().unwrap().0,
            shard(3, 4)
        );
        let zero = env(&[("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MIN", "0")]);
        assert!(
            resolve(None, Some(4), &zero)
                .unwrap_err()
                .contains("--array=1-N")
        );
        assert!(resolve(None, Some(2), &full).is_err());
    }

    #[test]
    fn kubernetes_indexes_from_zero_and_needs_the_count() {
        let k8s = env(&[("JOB_COMPLETION_INDEX", "0")]);
        assert_eq!(
            resolve(None, Some(3), &k8s).unwrap().unwrap().0,
            shard(1, 3)
        );
        assert!(resolve(None, None, &k8s).is_err());
        assert!(resolve(None, Some(3), &env(&[("JOB_COMPLETION_INDEX", "3")])).is_err());
        assert!(resolve(None, Some(3), &env(&[])).is_err());
        assert!(resolve(None, None, &env(&[("JOB_COMPLETION_INDEX", "x")])).is_err());
    }
}
