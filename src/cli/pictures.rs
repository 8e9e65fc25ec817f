//! Map outlines for the datasets of one command, loaded once each before any run
//! (so a bad boundary file is reported up front, as bad input), for the maps and
//! the GeoJSON files.

use std::collections::HashMap;

use crate::data::boundaries;
use crate::model::Boundaries;
use crate::model::Scenario;
use crate::pipeline::PipelineError;

#[derive(Default)]
pub struct Outlines {
    /// By dataset name; `None` where a dataset has no outlines (no maps drawn).
    loaded: HashMap<String, Option<Boundaries>>,
    pub enabled: bool,
}

impl Outlines {
    /// Loads the outlines of every scenario's dataset; a bad file is bad input.
    pub fn load<'a>(
        enabled: bool,
        scenarios: impl Iterator<Item = &'a Scenario>,
    ) -> Result<Outlines, PipelineError> {
        let mut o = Outlines {
            loaded: HashMap::new(),
            enabled,
        };
        let mut problems = Vec::new();
        // Loaded with pictures off too: the GeoJSON files are data.
        for s in scenarios {
            if o.loaded.contains_key(&s.dataset.name) {
                continue;
            }
            let b = match boundaries(&s.dataset) {
                None => None,
                Some(Ok(b)) => Some(b),
                Some(Err(e)) => {
                    problems.push(e.to_string());
                    None
                }
            };
            o.loaded.insert(s.dataset.name.clone(), b);
        }
        if problems.is_empty() {
            Ok(o)
        } else {
            Err(PipelineError::BadInput(problems.join("\n")))
        }
    }

    pub fn of(&self, s: &Scenario) -> Option<&Boundaries> {
        self.loaded.get(&s.dataset.name).and_then(Option::as_ref)
    }
}
