//! A figure as plain data: rectangles, paths, lines and text in pixel
//! coordinates, and its rendering to SVG. Chart builders make figures; tests read
//! them (how many ward shapes, what the legend says) without parsing SVG.
//!
//! This file knows nothing about policing or statistics.

mod item;
mod svg;

pub use item::{Anchor, Item, Paint, Stroke, Text};
pub use svg::{escape, num};

use std::fmt::Write as _;
use svg::write_item;

/// Fonts named in every SVG: DejaVu Sans is embedded for PNG output; browsers
/// fall back to the others.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// A picture as plain data: its size, title and items, in pixel coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File stem and prefix of every id inside, so several figures can share a page.
    pub id: String,
    pub width: f64,
    pub height: f64,
    /// Read by screen readers and shown as the SVG title.
    pub title: String,
    pub paints: Vec<Paint>,
    pub items: Vec<Item>,
}

impl Figure {
    /// An empty figure of the given size.
    pub fn new(id: &str, width: f64, height: f64, title: &str) -> Figure {
        Figure {
            id: id.to_string(),
            width,
            height,
            title: title.to_string(),
            paints: Vec::new(),
            items: vec![Item::rect(0.0, 0.0, width, height, "#ffffff").with_class("background")],
        }
    }

    /// A figure with the usual title and subtitle lines at the top.
    pub fn titled(id: &str, width: f64, height: f64, title: &str, subtitle: &str) -> Figure {
        let mut f = Figure::new(id, width, height, title);
        let room = width - 40.0;
        f.items.push(Item::Text(
            Text::new(20.0, 30.0, title, 19.0)
                .bold()
                .fit(room)
                .class("chart-title"),
        ));
        f.items.push(Item::Text(
            Text::new(20.0, 52.0, subtitle, 13.0)
                .fit(room)
                .colour("#555555"),
        ));
        f
    }

    /// A line at the foot saying how to read the marks.
    pub fn key(&mut self, text: &str) {
        self.items.push(Item::Text(
            Text::new(20.0, self.height - 12.0, text, 11.0).colour("#555555"),
        ));
    }

    /// The url() reference for a paint of this figure.
    pub fn paint_ref(&self, name: &str) -> String {
        format!("url(#{}-{name})", self.id)
    }

    /// Items of a class, searched through groups.
    pub fn count_class(&self, class: &str) -> usize {
        fn walk(items: &[Item], class: &str) -> usize {
            items
                .iter()
                .map(|i| match i {
                    Item::Group {
                        class: c, items, ..
                    } => usize::from(*c == class) + walk(items, class),
                    Item::Rect { class: c, .. }
                    | Item::Path { class: c, .. }
                    | Item::Line { class: c, .. } => usize::from(*c == class),
                    Item::Text(t) => usize::from(t.class == class),
                })
                .sum()
        }
        walk(&self.items, class)
    }

    /// Every text shown, in drawing order.
    pub fn texts(&self) -> Vec<&str> {
        fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a str>) {
            for i in items {
                match i {
                    Item::Text(t) => out.push(&t.text),
                    Item::Group { items, .. } => walk(items, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut out);
        out
    }

    /// The figure as a standalone SVG document.
    pub fn to_svg(&self) -> String {
        let mut o = String::with_capacity(64 * 1024);
        let _ = write!(
            o,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" role=\"img\" aria-labelledby=\"{id}-title\" class=\"figure\" id=\"{id}\">\n<title id=\"{id}-title\">{t}</title>\n",
            w = num(self.width),
            h = num(self.height),
            id = escape(&self.id),
            t = escape(&self.title)
        );
        if !self.paints.is_empty() {
            o.push_str("<defs>");
            for p in &self.paints {
                match p {
                    Paint::Gradient { id, colours } => {
                        let _ = write!(
                            o,
                            "<linearGradient id=\"{}-{}\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">",
                            escape(&self.id),
                            escape(id)
                        );
                        let n = colours.len().max(2) - 1;
                        for (k, c) in colours.iter().enumerate() {
                            let _ = write!(
                                o,
                                "<stop offset=\"{}\" stop-color=\"{c}\"/>",
                                num(k as f64 / n as f64)
                            );
                        }
                        o.push_str("</linearGradient>");
                    }
                    Paint::Hatch {
                        id,
                        colour,
                        spacing,
                    } => {
                        let s = num(*spacing);
                        let _ = write!(
                            o,
                            "<pattern id=\"{}-{}\" patternUnits=\"userSpaceOnUse\" width=\"{s}\" height=\"{s}\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"{s}\" stroke=\"{colour}\" stroke-width=\"{}\"/></pattern>",
                            escape(&self.id),
                            escape(id),
                            num(spacing / 5.0)
                        );
                    }
                }
            }
            o.push_str("</defs>\n");
        }
        for item in &self.items {
            write_item(&mut o, item);
        }
        o.push_str("</svg>\n");
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_text_is_escaped() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(
            escape("Barking & <Dagenham>"),
            "Barking &amp; &lt;Dagenham&gt;"
        );
    }

    #[test]
    fn svg_counts_match_the_scene() {
        let mut f = Figure::new("t", 100.0, 50.0, "A & B");
        f.items
            .push(Item::rect(1.0, 2.0, 3.0, 4.0, "#000000").with_class("bar"));
        f.items.push(Item::Text(Text::new(5.0, 6.0, "x < y", 10.0)));
        let svg = f.to_svg();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<title id=\"t-title\">A &amp; B</title>"));
        assert_eq!(svg.matches("class=\"bar\"").count(), f.count_class("bar"));
        assert!(svg.contains("x &lt; y"));
        assert_eq!(f.texts(), vec!["x < y"]);
    }
}
