//! Writing a figure's items as SVG: numbers as short as they can be, escaped
//! text, stroke attributes and hover tips.

use std::fmt::Write as _;

use super::item::{Anchor, Item, Stroke};

/// A number with at most two decimals and no trailing zeros.
pub fn num(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Text escaped for XML (and so for HTML).
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

pub(super) fn write_item(o: &mut String, item: &Item) {
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
