//! SVG to PNG, in pure Rust (resvg), with DejaVu Sans compiled in so the pictures
//! look the same on any machine, with or without system fonts.
//!
//! This file must not build figures; it only rasterises them.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg;

fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Renders SVG text at `scale` pixels per SVG unit (2 gives print-ready images).
pub fn rasterise(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("bad SVG: {e}"))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("cannot make a {w}×{h} image"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode PNG: {e}"))
}

/// Width, height and RGBA pixels of a PNG (for tests and checks of rendered pages).
pub fn decode(png: &[u8]) -> Result<(u32, u32, Vec<u8>), String> {
    let p = tiny_skia::Pixmap::decode_png(png).map_err(|e| format!("bad PNG: {e}"))?;
    Ok((p.width(), p.height(), p.data().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_drawn_with_the_embedded_font() {
        let blank = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"30\"></svg>";
        let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"30\"><text x=\"2\" y=\"20\" font-size=\"16\" font-family=\"DejaVu Sans\">Harrow</text></svg>";
        let dark = |png: Vec<u8>| {
            let (_, _, px) = decode(&png).unwrap();
            px.chunks(4).filter(|p| p[0] < 128).count()
        };
        assert_eq!(dark(rasterise(blank, 1.0).unwrap()), 0);
        assert!(dark(rasterise(text, 1.0).unwrap()) > 50);
    }
}
