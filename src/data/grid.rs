//! British National Grid (OSGB36 / EPSG:27700) eastings and northings to WGS84
//! longitude and latitude, for outputs that GIS tools open without set-up
//! (GeoJSON, RFC 7946, is WGS84 only).
//!
//! The Ordnance Survey's method ("A guide to coordinate systems in Great
//! Britain", Annex C and §6.6): the inverse Transverse Mercator on the Airy 1830
//! ellipsoid, then the seven-parameter Helmert transformation from OSGB36 to
//! WGS84 (accurate to about 5 m; the grid-based OSTN15 is not used). Pure
//! functions; no I/O.

use std::f64::consts::PI;

/// Airy 1830, the ellipsoid of OSGB36: semi-major and semi-minor axes, metres.
const AIRY: (f64, f64) = (6_377_563.396, 6_356_256.909);
/// WGS84 (GRS80 to within a millimetre here).
const WGS84: (f64, f64) = (6_378_137.0, 6_356_752.314_2);
/// National Grid projection: scale on the central meridian, true origin
/// (49°N, 2°W) and its false easting and northing, metres.
const F0: f64 = 0.999_601_271_7;
const LAT0: f64 = 49.0 * PI / 180.0;
const LON0: f64 = -2.0 * PI / 180.0;
const E0: f64 = 400_000.0;
const N0: f64 = -100_000.0;
/// OSGB36 to WGS84: translations (m), scale (ppm) and rotations (arc-seconds);
/// the OS guide's WGS84 → OSGB36 parameters with their signs reversed.
const HELMERT: [f64; 7] = [446.448, -125.157, 542.060, -20.4894, 0.1502, 0.2470, 0.8421];

fn ecc2((a, b): (f64, f64)) -> f64 {
    (a * a - b * b) / (a * a)
}

/// Meridional arc from the true origin's latitude to `lat` (Airy, scaled by F0).
fn meridian_arc(lat: f64) -> f64 {
    let (a, b) = AIRY;
    let n = (a - b) / (a + b);
    let (n2, n3) = (n * n, n * n * n);
    let (d, s) = (lat - LAT0, lat + LAT0);
    b * F0
        * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * d
            - (3.0 * n + 3.0 * n2 + 21.0 / 8.0 * n3) * d.sin() * s.cos()
            + (15.0 / 8.0 * n2 + 15.0 / 8.0 * n3) * (2.0 * d).sin() * (2.0 * s).cos()
            - 35.0 / 24.0 * n3 * (3.0 * d).sin() * (3.0 * s).cos())
}

/// OSGB36 latitude and longitude (radians, Airy) of a National Grid point.
pub fn grid_to_osgb36(easting: f64, northing: f64) -> (f64, f64) {
    let (a, _) = AIRY;
    let e2 = ecc2(AIRY);
    let mut lat = (northing - N0) / (a * F0) + LAT0;
    // Converges to well under a millimetre in a handful of steps.
    for _ in 0..20 {
        let gap = northing - N0 - meridian_arc(lat);
        if gap.abs() < 1e-5 {
            break;
        }
        lat += gap / (a * F0);
    }
    let (s, c, t) = (lat.sin(), lat.cos(), lat.tan());
    let nu = a * F0 / (1.0 - e2 * s * s).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * s * s).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let (t2, t4, t6) = (t * t, t.powi(4), t.powi(6));
    let vii = t / (2.0 * rho * nu);
    let viii = t / (24.0 * rho * nu.powi(3)) * (5.0 + 3.0 * t2 + eta2 - 9.0 * t2 * eta2);
    let ix = t / (720.0 * rho * nu.powi(5)) * (61.0 + 90.0 * t2 + 45.0 * t4);
    let sec = 1.0 / c;
    let x = sec / nu;
    let xi = sec / (6.0 * nu.powi(3)) * (nu / rho + 2.0 * t2);
    let xii = sec / (120.0 * nu.powi(5)) * (5.0 + 28.0 * t2 + 24.0 * t4);
    let xiia = sec / (5040.0 * nu.powi(7)) * (61.0 + 662.0 * t2 + 1320.0 * t4 + 720.0 * t6);
    let de = easting - E0;
    (
        lat - vii * de.powi(2) + viii * de.powi(4) - ix * de.powi(6),
        LON0 + x * de - xi * de.powi(3) + xii * de.powi(5) - xiia * de.powi(7),
    )
}

/// Geodetic (radians, height 0) to Earth-centred Cartesian metres.
fn to_cartesian(lat: f64, lon: f64, ellipsoid: (f64, f64)) -> [f64; 3] {
    let e2 = ecc2(ellipsoid);
    let nu = ellipsoid.0 / (1.0 - e2 * lat.sin().powi(2)).sqrt();
    [
        nu * lat.cos() * lon.cos(),
        nu * lat.cos() * lon.sin(),
        (1.0 - e2) * nu * lat.sin(),
    ]
}

/// Earth-centred Cartesian metres to geodetic (radians) on `ellipsoid`.
fn to_geodetic([x, y, z]: [f64; 3], ellipsoid: (f64, f64)) -> (f64, f64) {
    let e2 = ecc2(ellipsoid);
    let p = x.hypot(y);
    let mut lat = z.atan2(p * (1.0 - e2));
    for _ in 0..10 {
        let nu = ellipsoid.0 / (1.0 - e2 * lat.sin().powi(2)).sqrt();
        let next = (z + e2 * nu * lat.sin()).atan2(p);
        let done = (next - lat).abs() < 1e-12;
        lat = next;
        if done {
            break;
        }
    }
    (lat, y.atan2(x))
}

/// WGS84 `[longitude, latitude]` in degrees of a National Grid point, as GeoJSON
/// orders them.
pub fn grid_to_wgs84(easting: f64, northing: f64) -> [f64; 2] {
    let (lat, lon) = grid_to_osgb36(easting, northing);
    let [x, y, z] = to_cartesian(lat, lon, AIRY);
    let [tx, ty, tz, s_ppm, rx, ry, rz] = HELMERT;
    let s = s_ppm * 1e-6;
    let arc = |r: f64| r / 3600.0 * PI / 180.0;
    let (rx, ry, rz) = (arc(rx), arc(ry), arc(rz));
    let moved = [
        tx + (1.0 + s) * x - rz * y + ry * z,
        ty + rz * x + (1.0 + s) * y - rx * z,
        tz - ry * x + rx * y + (1.0 + s) * z,
    ];
    let (lat, lon) = to_geodetic(moved, WGS84);
    [lon.to_degrees(), lat.to_degrees()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dms(d: f64, m: f64, s: f64) -> f64 {
        (d + m / 60.0 + s / 3600.0).to_radians()
    }

    #[test]
    fn the_ordnance_surveys_worked_example_comes_back() {
        // OS guide, Annex C: E 651409.903, N 313177.270 is 52°39'27.2531"N,
        // 1°43'4.5177"E on OSGB36.
        let (lat, lon) = grid_to_osgb36(651_409.903, 313_177.270);
        let arcsec = |x: f64| x.to_degrees() * 3600.0;
        assert!(
            arcsec((lat - dms(52.0, 39.0, 27.2531)).abs()) < 1e-3,
            "{lat}"
        );
        assert!(arcsec((lon - dms(1.0, 43.0, 4.5177)).abs()) < 1e-3, "{lon}");
    }

    #[test]
    fn wgs84_lies_about_a_hundred_metres_from_osgb36_in_london() {
        // Near Trafalgar Square: the datum shift is about 6" in longitude and
        // 1.7" in latitude (about 120 m and 50 m), eastward and northward.
        let (lat, lon) = grid_to_osgb36(530_000.0, 180_500.0);
        let [wlon, wlat] = grid_to_wgs84(530_000.0, 180_500.0);
        let dlon = (wlon - lon.to_degrees()) * 3600.0;
        let dlat = (wlat - lat.to_degrees()) * 3600.0;
        assert!((-7.0..-4.5).contains(&dlon), "{dlon}");
        assert!((1.0..2.5).contains(&dlat), "{dlat}");
    }
}
