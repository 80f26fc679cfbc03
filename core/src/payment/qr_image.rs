//! Drawing a VietQR payload as a QR code (vẽ mã QR), locally, as SVG or PNG: a portal can always
//! show a code even when the payment platform times out.
//!
//! Error correction level M (15 %), the level bank apps print; a quiet zone of 4 modules as ISO/IEC
//! 18004 requires. Output is deterministic: the same payload gives the same bytes.
use crate::error::{Error, ErrorCode};
use qrcode::{Color, EcLevel, QrCode};

/// Quiet zone around the code, in modules.
pub const QUIET_ZONE: usize = 4;
/// Largest module size accepted (pixels or SVG units per module).
pub const MAX_MODULE: u32 = 64;

/// Checks a module size: 1 to [`MAX_MODULE`], else 9004 naming `module`.
fn module_size(module: u32) -> Result<usize, Error> {
    if (1..=MAX_MODULE).contains(&module) {
        Ok(module as usize)
    } else {
        Err(Error::new(
            ErrorCode::InvalidArgument,
            "module",
            format!("{module} is not a module size 1-{MAX_MODULE}"),
        ))
    }
}

/// The QR modules of a payload: `width × width`, row by row, `true` = dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side (without the quiet zone).
    pub width: usize,
    /// Row-major modules, `true` = dark.
    pub dark: Vec<bool>,
}

/// Encodes `payload` (byte mode, level M).
pub fn matrix(payload: &str) -> Result<QrMatrix, Error> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|e| {
        Error::new(
            ErrorCode::QrTooLong,
            "payload",
            format!("{} bytes cannot be drawn as a QR code: {e}", payload.len()),
        )
    })?;
    Ok(QrMatrix {
        width: code.width(),
        dark: code.to_colors().into_iter().map(|c| c == Color::Dark).collect(),
    })
}

/// An SVG image, one square per dark module (`module` user units each), with the quiet zone.
pub fn svg(payload: &str, module: u32) -> Result<String, Error> {
    let module = module_size(module)?;
    let m = matrix(payload)?;
    let side = (m.width + 2 * QUIET_ZONE) * module;
    let mut path = String::with_capacity(m.dark.len() * 4);
    for (i, _) in m.dark.iter().enumerate().filter(|(_, d)| **d) {
        let (x, y) = ((i % m.width + QUIET_ZONE) * module, (i / m.width + QUIET_ZONE) * module);
        path.push_str(&format!("M{x} {y}h{module}v{module}h-{module}z"));
    }
    Ok(format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{s}\" height=\"{s}\" ",
            "viewBox=\"0 0 {s} {s}\" shape-rendering=\"crispEdges\">",
            "<rect width=\"{s}\" height=\"{s}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{p}\"/></svg>\n"
        ),
        s = side,
        p = path
    ))
}

/// A PNG image (8-bit grayscale), `module` pixels per module, with the quiet zone.
pub fn png(payload: &str, module: u32) -> Result<Vec<u8>, Error> {
    let module = module_size(module)?;
    let m = matrix(payload)?;
    let side = (m.width + 2 * QUIET_ZONE) * module;
    let mut pixels = vec![255u8; side * side];
    for (i, _) in m.dark.iter().enumerate().filter(|(_, d)| **d) {
        let (x0, y0) = ((i % m.width + QUIET_ZONE) * module, (i / m.width + QUIET_ZONE) * module);
        for y in y0..y0 + module {
            pixels[y * side + x0..y * side + x0 + module].fill(0);
        }
    }
    let internal = |e: png::EncodingError| Error::new(ErrorCode::Internal, "png", e.to_string());
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().map_err(internal)?;
    w.write_image_data(&pixels).map_err(internal)?;
    w.finish().map_err(internal)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAPAS_613: &str = "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E";

    #[test]
    fn svg_and_png_draw_the_matrix() {
        let m = matrix(NAPAS_613).unwrap();
        assert_eq!(m.dark.len(), m.width * m.width);
        assert!(m.width >= 21 && (m.width - 17) % 4 == 0, "QR sizes are 17 + 4·version");
        // Finder pattern: the top-left 7×7 has a dark border.
        assert!((0..7).all(|i| m.dark[i] && m.dark[6 * m.width + i]));
        let s = svg(NAPAS_613, 1).unwrap();
        let side = m.width + 2 * QUIET_ZONE;
        assert!(s.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
        assert_eq!(s.matches('z').count(), m.dark.iter().filter(|d| **d).count());
        let p = png(NAPAS_613, 3).unwrap();
        assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
        let dec = png::Decoder::new(std::io::Cursor::new(&p));
        let mut r = dec.read_info().unwrap();
        let mut buf = vec![0; r.output_buffer_size()];
        let info = r.next_frame(&mut buf).unwrap();
        assert_eq!(info.width as usize, side * 3);
        // Every module drawn as it is in the matrix.
        for (i, d) in m.dark.iter().enumerate() {
            let (x, y) = ((i % m.width + QUIET_ZONE) * 3 + 1, (i / m.width + QUIET_ZONE) * 3 + 1);
            assert_eq!(buf[y * side * 3 + x] == 0, *d);
        }
        assert_eq!(png(NAPAS_613, 3).unwrap(), p, "deterministic");
        // An independent decoder reads the payload back.
        let w = side * 3;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, w, |x, y| buf[y * w + x]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, NAPAS_613);
    }

    #[test]
    fn too_long_is_an_error() {
        for bad in [0, MAX_MODULE + 1] {
            assert_eq!(svg("x", bad).unwrap_err().field, "module");
            assert_eq!(png("x", bad).unwrap_err().code, ErrorCode::InvalidArgument);
        }
        // Byte mode at level M holds at most 2,331 bytes.
        assert!(matrix(&"x".repeat(2331)).is_ok());
        let e = matrix(&"x".repeat(2332)).map(|m| m.width).unwrap_err();
        assert_eq!(e.code, ErrorCode::QrTooLong);
    }
}
