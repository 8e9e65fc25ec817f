//! Reading [structure]: which boroughs form each command unit, and its bases.
//! Groups that miss or repeat a borough are reported with their location.

use std::collections::BTreeMap;

use toml::de::DeValue;

use super::diagnostic::Sink;
use super::reader::{Section, as_number, describe, fmt_num};
use crate::model::{Base, BoroughId, CommandUnit, Dataset, Structure, UnitId};

pub fn read(top: &Section, sink: &mut Sink, ds: &Dataset) -> Option<Structure> {
    let before = sink.diagnostics.len();
    let s = top
        .table(sink, "structure")
        .map(|(t, span)| Section::new("structure", t, span));
    if let Some(s) = &s {
        s.deny_unknown(sink, &["units", "groups", "ungrouped", "hubs"]);
    }
    let kind = match &s {
        Some(s) => s.choice(
            sink,
            "units",
            &["boroughs", "bcu2018", "groups"],
            "boroughs",
        ),
        None => "boroughs".to_string(),
    };
    let groups: Vec<(String, Vec<BoroughId>)> = match kind.as_str() {
        "boroughs" => ds
            .boroughs
            .iter()
            .enumerate()
            .map(|(i, b)| (b.name.clone(), vec![BoroughId(i)]))
            .collect(),
        "bcu2018" => {
            if ds.bcus.is_empty() {
                let span = s
                    .as_ref()
                    .and_then(|s| s.get("units"))
                    .map(|v| v.span())
                    .unwrap_or(0..0);
                sink.error(
                    span,
                    "`structure.units = \"bcu2018\"` needs bcus.csv".into(),
                    "a dataset with bcus.csv".into(),
                    format!("dataset {} without it", ds.name),
                );
                return None;
            }
            ds.bcus
                .iter()
                .map(|g| (g.name.clone(), g.boroughs.clone()))
                .collect()
        }
        _ => read_groups(s.as_ref()?, sink, ds)?,
    };
    if let Some(s) = &s
        && kind != "groups"
        && let Some(v) = s.get("groups")
    {
        sink.error(
            v.span(),
            "`structure.groups` is only read when `units = \"groups\"`".into(),
            "units = \"groups\" alongside [structure.groups]".into(),
            format!("units = \"{kind}\""),
        );
    }
    let mut units: Vec<CommandUnit> = groups
        .into_iter()
        .map(|(name, boroughs)| {
            let bases = boroughs.iter().map(|&b| borough_base(ds, b)).collect();
            CommandUnit {
                name,
                boroughs,
                bases,
            }
        })
        .collect();
    if let Some(s) = &s {
        read_hubs(s, sink, ds, &mut units);
    }
    if sink.diagnostics.len() > before {
        return None;
    }
    let mut unit_of_borough = vec![UnitId(0); ds.boroughs.len()];
    for (u, unit) in units.iter().enumerate() {
        for b in &unit.boroughs {
            unit_of_borough[b.0] = UnitId(u);
        }
    }
    Some(Structure {
        kind,
        units,
        unit_of_borough,
    })
}

/// The default base of a borough: the population-weighted centroid of its wards.
pub fn borough_base(ds: &Dataset, b: BoroughId) -> Base {
    let borough = &ds.boroughs[b.0];
    let (mut e, mut n, mut p) = (0.0, 0.0, 0.0);
    for w in &borough.wards {
        let ward = &ds.wards[w.0];
        let weight = ward.population.max(1.0);
        e += weight * ward.easting;
        n += weight * ward.northing;
        p += weight;
    }
    Base {
        name: borough.name.clone(),
        easting: e / p,
        northing: n / p,
        borough: Some(b),
    }
}

fn read_groups(
    s: &Section,
    sink: &mut Sink,
    ds: &Dataset,
) -> Option<Vec<(String, Vec<BoroughId>)>> {
    let ungrouped = s.choice(sink, "ungrouped", &["error", "separate"], "error");
    let Some((table, span)) = s.table(sink, "groups") else {
        sink.error(
            s.span.clone(),
            "`structure.units = \"groups\"` needs [structure.groups]".into(),
            "a table of group name = [borough names or codes]".into(),
            "no [structure.groups]".into(),
        );
        return None;
    };
    let mut owner: BTreeMap<usize, String> = BTreeMap::new();
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let name = key.get_ref().to_string();
        let DeValue::Array(items) = value.get_ref() else {
            sink.error(
                value.span(),
                format!("group `{name}` must list boroughs"),
                "an array of borough names or codes".into(),
                describe(value.get_ref()),
            );
            continue;
        };
        if items.is_empty() {
            sink.error(
                value.span(),
                format!("group `{name}` is empty"),
                "at least one borough".into(),
                "an empty array".into(),
            );
        }
        let mut members = Vec::new();
        for item in items.iter() {
            let DeValue::String(b) = item.get_ref() else {
                sink.error(
                    item.span(),
                    format!("a member of group `{name}` is not a borough"),
                    "a borough name or code (a string)".into(),
                    describe(item.get_ref()),
                );
                continue;
            };
            match ds.borough_by_name_or_code(b) {
                None => sink.push(
                    item.span(),
                    format!("group `{name}` names an unknown borough"),
                    format!("one of the {} boroughs of {}", ds.boroughs.len(), ds.name),
                    format!("\"{b}\""),
                    closest_borough(ds, b).map(|c| format!("did you mean \"{c}\"?")),
                ),
                Some(id) => {
                    if let Some(other) = owner.get(&id.0) {
                        sink.error(
                            item.span(),
                            format!(
                                "borough {} is in more than one group",
                                ds.boroughs[id.0].name
                            ),
                            "each borough in exactly one group".into(),
                            format!("it in `{other}` and in `{name}`"),
                        );
                    } else {
                        owner.insert(id.0, name.clone());
                        members.push(id);
                    }
                }
            }
        }
        out.push((name, members));
    }
    let missing: Vec<usize> = (0..ds.boroughs.len())
        .filter(|b| !owner.contains_key(b))
        .collect();
    if !missing.is_empty() {
        if ungrouped == "separate" {
            for b in missing {
                out.push((ds.boroughs[b].name.clone(), vec![BoroughId(b)]));
            }
        } else {
            let names: Vec<&str> = missing
                .iter()
                .map(|&b| ds.boroughs[b].name.as_str())
                .collect();
            sink.push(
                span,
                format!("the groups miss {} borough(s)", names.len()),
                "every borough in exactly one group".into(),
                format!("no group for {}", names.join(", ")),
                Some(
                    "add them to a group, or set `ungrouped = \"separate\"` to command each alone"
                        .into(),
                ),
            );
        }
    }
    Some(out)
}

fn closest_borough<'d>(ds: &'d Dataset, name: &str) -> Option<&'d str> {
    let lower = name.to_lowercase();
    ds.boroughs
        .iter()
        .find(|b| {
            let n = b.name.to_lowercase();
            n.starts_with(&lower[..lower.len().min(4)]) || lower.starts_with(&n[..n.len().min(4)])
        })
        .map(|b| b.name.as_str())
}

/// How far outside the box around the city's ward centroids a hub may stand.
const HUB_MARGIN_METRES: f64 = 50_000.0;

/// Whether a point lies within `HUB_MARGIN_METRES` of the box around the
/// dataset's ward centroids.
fn near_the_city(ds: &Dataset, e: f64, n: f64) -> bool {
    if !(e.is_finite() && n.is_finite()) {
        return false;
    }
    let (mut e0, mut e1, mut n0, mut n1) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for w in &ds.wards {
        e0 = e0.min(w.easting);
        e1 = e1.max(w.easting);
        n0 = n0.min(w.northing);
        n1 = n1.max(w.northing);
    }
    let m = HUB_MARGIN_METRES;
    e >= e0 - m && e <= e1 + m && n >= n0 - m && n <= n1 + m
}

/// `[structure.hubs]`: `"unit name" = "borough"` (that borough's base becomes the
/// single hub) or `"unit name" = [easting, northing]`.
fn read_hubs(s: &Section, sink: &mut Sink, ds: &Dataset, units: &mut [CommandUnit]) {
    let Some((table, _)) = s.table(sink, "hubs") else {
        return;
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let Some(unit) = units.iter_mut().find(|u| u.name == name) else {
            let names: Vec<String> = units
                .iter()
                .take(6)
                .map(|u| format!("\"{}\"", u.name))
                .collect();
            sink.error(
                key.span(),
                format!("hub for an unknown command unit `{name}`"),
                format!(
                    "the name of a command unit of this structure, e.g. {}",
                    names.join(", ")
                ),
                format!("\"{name}\""),
            );
            continue;
        };
        let hub = match value.get_ref() {
            DeValue::String(b) => match ds.borough_by_name_or_code(b) {
                Some(id) if unit.boroughs.contains(&id) => {
                    let mut base = borough_base(ds, id);
                    base.borough = None;
                    Some(base)
                }
                _ => {
                    let members: Vec<&str> = unit
                        .boroughs
                        .iter()
                        .map(|b| ds.boroughs[b.0].name.as_str())
                        .collect();
                    sink.error(
                        value.span(),
                        format!("hub of `{name}` is not one of its boroughs"),
                        format!("one of {}", members.join(", ")),
                        format!("\"{b}\""),
                    );
                    None
                }
            },
            DeValue::Array(items) if items.len() == 2 => {
                match (as_number(items[0].get_ref()), as_number(items[1].get_ref())) {
                    (Some(e), Some(n)) if near_the_city(ds, e, n) => Some(Base {
                        name: format!("{name} hub"),
                        easting: e,
                        northing: n,
                        borough: None,
                    }),
                    (e, n) => {
                        let found = match (e, n) {
                            (Some(e), Some(n)) => format!("[{}, {}]", fmt_num(e), fmt_num(n)),
                            _ => describe(value.get_ref()),
                        };
                        sink.error(
                            value.span(),
                            format!("hub of `{name}` has bad coordinates"),
                            format!(
                                "[easting, northing] in metres, within {} km of the city's wards",
                                HUB_MARGIN_METRES / 1000.0
                            ),
                            found,
                        );
                        None
                    }
                }
            }
            other => {
                sink.error(
                    value.span(),
                    format!("hub of `{name}` has the wrong type"),
                    "a borough name or [easting, northing]".into(),
                    describe(other),
                );
                None
            }
        };
        if let Some(h) = hub {
            unit.bases = vec![h];
        }
    }
}
