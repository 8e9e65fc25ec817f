//! The pieces of a figure: strokes, text with its anchor and size, paints, and
//! the items (rectangles, paths, lines, circles, text, groups) a figure holds.

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

/// One thing drawn: a rectangle, path, line, circle, text or group.
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
    /// A filled rectangle.
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
    /// A straight line.
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
