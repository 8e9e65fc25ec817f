//! Map outlines for the datasets of one command, loaded once each before any run
//! (so a bad boundary file is reported up front, as bad input).

use std::collections::HashMap;

use crate::data::boundaries;
use crate::model::Boundaries;
use crate::model::Scenario;

#[derive(Default)]
pub struct Outlines {
    /// By dataset name; `None` where a dataset has no outlines (no maps drawn).
    loaded: HashMap<String, Option<Boundaries>>,
    pub enabled: bool,
}

impl Outlines {
    /// Loads the outlines of every scenario's dataset; prints problems and
    /// returns false if any file was bad.
    pub fn load<'a>(
        enabled: bool,
        scenarios: impl Iterator<Item = &'a Scenario>,
    ) -> (Outlines, bool) {
        let mut o = Outlines {
            loaded: HashMap::new(),
            enabled,
        };
        let mut ok = true;
        if !enabled {
            return (o, ok);
        }
        for s in scenarios {
            if o.loaded.contains_key(&s.dataset.name) {
                continue;
            }
            let b = match boundaries(&s.dataset) {
                None => None,
                Some(Ok(b)) => Some(b),
                Some(Err(e)) => {
                    eprintln!("{e}");
                    ok = false;
                    None
                }
            };
            o.loaded.insert(s.dataset.name.clone(), b);
        }
        (o, ok)
    }

    pub fn of(&self, s: &Scenario) -> Option<&Boundaries> {
        self.loaded.get(&s.dataset.name).and_then(Option::as_ref)
    }
}
