//! A figure as plain data: rectangles, paths, lines and text in pixel
//! coordinates, and its rendering to SVG. Chart builders make figures; tests read
//! them (how many ward shapes, what the legend says) without parsing SVG.
//!
//! This file knows nothing about policing or statistics.

use std::fmt::Write as _;

/// Fonts named in every SVG: DejaVu Sans is embedded for PNG output; browsers
/// fall back to the others.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub colour: String,
    pub width: f64,
    pub dash: Option<&'static str>,
}

impl Stroke {
    pub fn new(colour: &str, width: f64) -> Stroke {
        Stroke {
            colour: colour.to_string(),
            width,
            dash: None,
        }
    }
    pub fn dashed(mut self, dash: &'static str) -> Stroke {
        self.dash = Some(dash);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub size: f64,
    pub anchor: Anchor,
    pub bold: bool,
    pub colour: String,
    /// A white outline under the glyphs, so labels read over a map.
    pub halo: bool,
    /// Degrees, about (x, y).
    pub rotate: f64,
    pub class: &'static str,
}

impl Text {
    pub fn new(x: f64, y: f64, text: impl Into<String>, size: f64) -> Text {
        Text {
            x,
            y,
            text: text.into(),
            size,
            anchor: Anchor::Start,
            bold: false,
            colour: "#222222".into(),
            halo: false,
            rotate: 0.0,
            class: "",
        }
    }
    pub fn anchor(mut self, a: Anchor) -> Text {
        self.anchor = a;
        self
    }
    pub fn bold(mut self) -> Text {
        self.bold = true;
        self
    }
    pub fn colour(mut self, c: &str) -> Text {
        self.colour = c.to_string();
        self
    }
    pub fn halo(mut self) -> Text {
        self.halo = true;
        self
    }
    pub fn rotate(mut self, degrees: f64) -> Text {
        self.rotate = degrees;
        self
    }
    /// Shrinks the font until the text's estimated width fits `width` pixels.
    pub fn fit(mut self, width: f64) -> Text {
        let em = if self.bold { 0.64 } else { 0.58 };
        let needed = self.text.chars().count() as f64 * em * self.size;
        if needed > width {
            self.size = (self.size * width / needed).max(8.0);
        }
        self
    }
    pub fn class(mut self, c: &'static str) -> Text {
        self.class = c;
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<String>,
        stroke: Option<Stroke>,
        class: &'static str,
        tip: Option<String>,
    },
    /// SVG path data, in the coordinates of the enclosing group.
    Path {
        d: String,
        fill: Option<String>,
        stroke: Option<Stroke>,
        class: &'static str,
        tip: Option<String>,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: Stroke,
        class: &'static str,
    },
    Text(Text),
    Group {
        class: &'static str,
        transform: Option<String>,
        items: Vec<Item>,
    },
}

impl Item {
    pub fn rect(x: f64, y: f64, w: f64, h: f64, fill: &str) -> Item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill.to_string()),
            stroke: None,
            class: "",
            tip: None,
        }
    }
    pub fn line(x1: f64, y1: f64, x2: f64, y2: f64, stroke: Stroke) -> Item {
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
            class: "",
        }
    }
    /// Sets the class (for tests and the report's style sheet) of a rect, path,
    /// line or group.
    pub fn with_class(mut self, c: &'static str) -> Item {
        match &mut self {
            Item::Rect { class, .. }
            | Item::Path { class, .. }
            | Item::Line { class, .. }
            | Item::Group { class, .. } => *class = c,
            Item::Text(t) => t.class = c,
        }
        self
    }
    /// A hover text (an SVG `<title>`), for rects and paths.
    pub fn with_tip(mut self, t: String) -> Item {
        if let Item::Rect { tip, .. } | Item::Path { tip, .. } = &mut self {
            *tip = Some(t);
        }
        self
    }
}

/// A linear gradient or hatch pattern the figure's items refer to by id.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// Left-to-right gradient through evenly spaced colours.
    Gradient { id: String, colours: Vec<String> },
    /// Thin diagonal lines on a transparent ground, `spacing` pixels apart.
    Hatch {
        id: String,
        colour: String,
        spacing: f64,
    },
}

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

/// A number with at most two decimals and no trailing zeros.
pub fn num(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn class_attr(o: &mut String, class: &str) {
    if !class.is_empty() {
        let _ = write!(o, " class=\"{class}\"");
    }
}

fn stroke_attrs(o: &mut String, s: &Option<Stroke>) {
    if let Some(s) = s {
        let _ = write!(
            o,
            " stroke=\"{}\" stroke-width=\"{}\"",
            s.colour,
            num(s.width)
        );
        if let Some(d) = s.dash {
            let _ = write!(o, " stroke-dasharray=\"{d}\"");
        }
    }
}

fn close_with_tip(o: &mut String, tag: &str, tip: &Option<String>) {
    match tip {
        Some(t) => {
            let _ = writeln!(o, "><title>{}</title></{tag}>", escape(t));
        }
        None => o.push_str("/>\n"),
    }
}

fn write_item(o: &mut String, item: &Item) {
    match item {
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
            class,
            tip,
        } => {
            let _ = write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"",
                num(*x),
                num(*y),
                num(w.max(0.0)),
                num(h.max(0.0)),
                fill.as_deref().unwrap_or("none")
            );
            stroke_attrs(o, stroke);
            class_attr(o, class);
            close_with_tip(o, "rect", tip);
        }
        Item::Path {
            d,
            fill,
            stroke,
            class,
            tip,
        } => {
            let _ = write!(
                o,
                "<path d=\"{d}\" fill=\"{}\"",
                fill.as_deref().unwrap_or("none")
            );
            stroke_attrs(o, stroke);
            if stroke.is_some() {
                o.push_str(" stroke-linejoin=\"round\"");
            }
            class_attr(o, class);
            close_with_tip(o, "path", tip);
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
            class,
        } => {
            let _ = write!(
                o,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
                num(*x1),
                num(*y1),
                num(*x2),
                num(*y2)
            );
            stroke_attrs(o, &Some(stroke.clone()));
            class_attr(o, class);
            o.push_str("/>\n");
        }
        Item::Text(t) => {
            let anchor = match t.anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\" fill=\"{}\"",
                num(t.x),
                num(t.y),
                num(t.size),
                t.colour
            );
            if t.bold {
                o.push_str(" font-weight=\"bold\"");
            }
            if t.halo {
                o.push_str(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
            }
            if t.rotate != 0.0 {
                let _ = write!(
                    o,
                    " transform=\"rotate({} {} {})\"",
                    num(t.rotate),
                    num(t.x),
                    num(t.y)
                );
            }
            class_attr(o, t.class);
            let _ = writeln!(o, ">{}</text>", escape(&t.text));
        }
        Item::Group {
            class,
            transform,
            items,
        } => {
            o.push_str("<g");
            class_attr(o, class);
            if let Some(t) = transform {
                let _ = write!(o, " transform=\"{t}\"");
            }
            o.push_str(">\n");
            for i in items {
                write_item(o, i);
            }
            o.push_str("</g>\n");
        }
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
