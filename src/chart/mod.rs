//! Pictures drawn in Rust: a small scene type (`Figure`) written as SVG and
//! rasterised to PNG, colour-blind-safe palettes, and the chart kinds wardsim
//! needs: ward maps, bars with confidence intervals, histograms and lines with
//! bands.
//!
//! Charts here are generic: they take values, labels and units, never a
//! `Summary`. They must not simulate, allocate or read files; `report` decides
//! what to draw.

mod axis;
mod bars;
mod figure;
mod histogram;
mod lines;
mod map;
mod measure;
mod palette;
mod png;
mod scale;

pub use bars::{BarRow, BarSpec, Panel, bar_chart};
pub use figure::{Figure, Item, escape};
pub use histogram::{HistogramChart, HistogramSpec, Marker, histogram};
pub use lines::{LineSpec, Point, Series, line_chart};
pub use map::{AreaValue, Legend, MapChart, MapSpec, ward_map};
pub use measure::{Measure, thousands};
pub use palette::{CATEGORIES, NO_DATA, diverging, sequential};
pub use png::{decode as decode_png, rasterise};
