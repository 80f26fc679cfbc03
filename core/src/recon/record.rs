//! The three record kinds of đối soát: dossiers (hồ sơ), payment attempts (giao dịch thanh toán)
//! and bank credits (báo có), built from named fields so CSV and JSON Lines share one parser.
use super::remark::has_compact_char;
use crate::error::{Error, ErrorCode};
use crate::money::Vnd;
use std::fmt;

/// Local time (Asia/Ho_Chi_Minh wall clock) as seconds since 1970-01-01 00:00:00 local.
pub type LocalSeconds = i64;

/// A payment attempt status (TrangThaiGD) as the platform reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    /// 0: initiated (khởi tạo), no answer yet.
    Initiated,
    /// 1: success (thành công).
    Success,
    /// 3: pending (đang xử lý).
    Pending,
    /// 4: failed (thất bại).
    Failed,
}

impl AttemptStatus {
    /// The wire code 0, 1, 3 or 4.
    pub fn code(self) -> u8 {
        match self {
            Self::Initiated => 0,
            Self::Success => 1,
            Self::Pending => 3,
            Self::Failed => 4,
        }
    }

    /// From the wire code.
    pub fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            0 => Self::Initiated,
            1 => Self::Success,
            3 => Self::Pending,
            4 => Self::Failed,
            _ => return None,
        })
    }

    /// English key: `initiated`, `success`, `pending`, `failed`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Initiated => "initiated",
            Self::Success => "success",
            Self::Pending => "pending",
            Self::Failed => "failed",
        }
    }
}

/// A dossier (hồ sơ) with its fee and the agency's beneficiary account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// MaHoSo.
    pub ma_ho_so: String,
    /// Procedure code (mã TTHC).
    pub ma_tthc: String,
    /// Agency id (mã đơn vị).
    pub ma_don_vi: String,
    /// Reception time (ngày tiếp nhận).
    pub received_at: LocalSeconds,
    /// Total fee (tổng phí), đồng.
    pub tong_phi: Vnd,
    /// Beneficiary account (tài khoản thụ hưởng).
    pub tk_thu_huong: String,
    /// Beneficiary bank BIN (mã ngân hàng thụ hưởng).
    pub ma_nh_thu_huong: String,
}

/// A payment attempt on the national payment platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Merchant reference (MaThamChieu).
    pub ma_tham_chieu: String,
    /// Platform transaction id (MaGiaoDich), empty until success.
    pub ma_giao_dich: String,
    /// MaHoSo the attempt pays.
    pub ma_ho_so: String,
    /// Amount (số tiền), đồng.
    pub so_tien: Vnd,
    /// Transaction time (ThoiGianGD).
    pub thoi_gian_gd: LocalSeconds,
    /// Status (TrangThaiGD).
    pub trang_thai_gd: AttemptStatus,
    /// Beneficiary account.
    pub tk_thu_huong: String,
    /// Beneficiary bank BIN.
    pub ma_nh_thu_huong: String,
}

/// A credit on a beneficiary account (báo có), as the bank delivers it.
#[derive(Clone, PartialEq, Eq)]
pub struct Credit {
    /// Bank reference (mã giao dịch ngân hàng).
    pub ma_giao_dich_nh: String,
    /// Credit time.
    pub thoi_gian: LocalSeconds,
    /// Amount, đồng.
    pub so_tien: Vnd,
    /// Account credited.
    pub tk_thu_huong: String,
    /// Free-text remark (nội dung chuyển khoản): carries payer names, never shown in Debug.
    pub noi_dung: String,
}

impl fmt::Debug for Credit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credit")
            .field("ma_giao_dich_nh", &self.ma_giao_dich_nh)
            .field("thoi_gian", &self.thoi_gian)
            .field("so_tien", &self.so_tien)
            .field("tk_thu_huong", &self.tk_thu_huong)
            .field("noi_dung", &format_args!("<{} chars>", self.noi_dung.chars().count()))
            .finish()
    }
}

/// A dossier borrowed from the row it was read from.
#[derive(Debug, Clone, Copy)]
pub struct DossierView<'a> {
    /// MaHoSo.
    pub ma_ho_so: &'a str,
    /// Procedure code.
    pub ma_tthc: &'a str,
    /// Agency id (the code's prefix when absent).
    pub ma_don_vi: &'a str,
    /// Reception time.
    pub received_at: LocalSeconds,
    /// Total fee, đồng.
    pub tong_phi: Vnd,
    /// Beneficiary account.
    pub tk_thu_huong: &'a str,
    /// Beneficiary bank BIN.
    pub ma_nh_thu_huong: &'a str,
}

/// A payment attempt borrowed from the row it was read from.
#[derive(Debug, Clone, Copy)]
pub struct AttemptView<'a> {
    /// MaThamChieu.
    pub ma_tham_chieu: &'a str,
    /// MaGiaoDich (empty until success).
    pub ma_giao_dich: &'a str,
    /// MaHoSo.
    pub ma_ho_so: &'a str,
    /// Amount, đồng.
    pub so_tien: Vnd,
    /// ThoiGianGD.
    pub thoi_gian_gd: LocalSeconds,
    /// TrangThaiGD.
    pub trang_thai_gd: AttemptStatus,
    /// Beneficiary account.
    pub tk_thu_huong: &'a str,
    /// Beneficiary bank BIN.
    pub ma_nh_thu_huong: &'a str,
}

impl Dossier {
    /// The borrowed view.
    pub fn view(&self) -> DossierView<'_> {
        DossierView {
            ma_ho_so: &self.ma_ho_so,
            ma_tthc: &self.ma_tthc,
            ma_don_vi: &self.ma_don_vi,
            received_at: self.received_at,
            tong_phi: self.tong_phi,
            tk_thu_huong: &self.tk_thu_huong,
            ma_nh_thu_huong: &self.ma_nh_thu_huong,
        }
    }

    /// Builds a dossier from named fields; `line` is only used in the error.
    pub fn from_fields<F: Fields + ?Sized>(f: &F, line: u64) -> Result<Self, RowError> {
        DossierView::from_fields(f, line).map(|v| Self {
            ma_ho_so: v.ma_ho_so.to_string(),
            ma_tthc: v.ma_tthc.to_string(),
            ma_don_vi: v.ma_don_vi.to_string(),
            received_at: v.received_at,
            tong_phi: v.tong_phi,
            tk_thu_huong: v.tk_thu_huong.to_string(),
            ma_nh_thu_huong: v.ma_nh_thu_huong.to_string(),
        })
    }
}

impl Attempt {
    /// The borrowed view.
    pub fn view(&self) -> AttemptView<'_> {
        AttemptView {
            ma_tham_chieu: &self.ma_tham_chieu,
            ma_giao_dich: &self.ma_giao_dich,
            ma_ho_so: &self.ma_ho_so,
            so_tien: self.so_tien,
            thoi_gian_gd: self.thoi_gian_gd,
            trang_thai_gd: self.trang_thai_gd,
            tk_thu_huong: &self.tk_thu_huong,
            ma_nh_thu_huong: &self.ma_nh_thu_huong,
        }
    }

    /// Builds an attempt from named fields.
    pub fn from_fields<F: Fields + ?Sized>(f: &F, line: u64) -> Result<Self, RowError> {
        AttemptView::from_fields(f, line).map(|v| Self {
            ma_tham_chieu: v.ma_tham_chieu.to_string(),
            ma_giao_dich: v.ma_giao_dich.to_string(),
            ma_ho_so: v.ma_ho_so.to_string(),
            so_tien: v.so_tien,
            thoi_gian_gd: v.thoi_gian_gd,
            trang_thai_gd: v.trang_thai_gd,
            tk_thu_huong: v.tk_thu_huong.to_string(),
            ma_nh_thu_huong: v.ma_nh_thu_huong.to_string(),
        })
    }
}

impl<'a> DossierView<'a> {
    /// Builds a borrowed dossier from named fields (the same checks as [`Dossier::from_fields`]).
    pub fn from_fields<F: Fields + ?Sized>(f: &'a F, line: u64) -> Result<Self, RowError> {
        let build = || -> Result<Self, Error> {
            readable(f)?;
            let ma_ho_so = code(f, Col::MaHoSo)?;
            Ok(Self {
                ma_tthc: optional(f, Col::MaTthc),
                ma_don_vi: match optional(f, Col::MaDonVi) {
                    "" => super::ledger::agency_of(ma_ho_so),
                    a => a,
                },
                received_at: time_field(f, Col::NgayTiepNhan)?,
                tong_phi: parse_amount("tong_phi", required(f, Col::TongPhi)?)?,
                tk_thu_huong: required(f, Col::TkThuHuong)?,
                ma_nh_thu_huong: optional(f, Col::MaNhThuHuong),
                ma_ho_so,
            })
        };
        build().map_err(|e| row_error(f, line, Col::MaHoSo, Col::TongPhi, e))
    }
}

impl<'a> AttemptView<'a> {
    /// Builds a borrowed attempt from named fields (the same checks as [`Attempt::from_fields`]).
    pub fn from_fields<F: Fields + ?Sized>(f: &'a F, line: u64) -> Result<Self, RowError> {
        let build = || -> Result<Self, Error> {
            readable(f)?;
            let st = required(f, Col::TrangThaiGd)?;
            let trang_thai_gd = st
                .parse::<u8>()
                .ok()
                .and_then(AttemptStatus::from_code)
                .ok_or_else(|| Error::new(ErrorCode::ReconStatus, "trang_thai_gd", "expected 0, 1, 3 or 4"))?;
            Ok(Self {
                ma_tham_chieu: code(f, Col::MaThamChieu)?,
                ma_giao_dich: optional(f, Col::MaGiaoDich),
                ma_ho_so: code(f, Col::MaHoSo)?,
                so_tien: parse_amount("so_tien", required(f, Col::SoTien)?)?,
                thoi_gian_gd: time_field(f, Col::ThoiGianGd)?,
                trang_thai_gd,
                tk_thu_huong: required(f, Col::TkThuHuong)?,
                ma_nh_thu_huong: optional(f, Col::MaNhThuHuong),
            })
        };
        build().map_err(|e| row_error(f, line, Col::MaThamChieu, Col::SoTien, e))
    }
}

/// A bank credit borrowed from the row it was read from (no copies on the hot path).
#[derive(Clone, Copy)]
pub struct CreditView<'a> {
    /// Bank reference.
    pub ma_giao_dich_nh: &'a str,
    /// Credit time.
    pub thoi_gian: LocalSeconds,
    /// Amount, đồng.
    pub so_tien: Vnd,
    /// Account credited.
    pub tk_thu_huong: &'a str,
    /// Remark.
    pub noi_dung: &'a str,
}

impl Credit {
    /// The borrowed view.
    pub fn view(&self) -> CreditView<'_> {
        CreditView {
            ma_giao_dich_nh: &self.ma_giao_dich_nh,
            thoi_gian: self.thoi_gian,
            so_tien: self.so_tien,
            tk_thu_huong: &self.tk_thu_huong,
            noi_dung: &self.noi_dung,
        }
    }
}

/// A row that could not be read: its 1-based line, the error, and what could be salvaged for the
/// output row (the id and the amount, when readable).
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1 in CSV).
    pub line: u64,
    /// What is wrong (7001-7007), naming the field.
    pub error: Error,
    /// The record id if it was readable.
    pub id: String,
    /// The amount if it was readable.
    pub so_tien: Option<Vnd>,
}

/// A column (or JSON key) of the three đối soát files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// `ma_ho_so`
    MaHoSo,
    /// `ma_tthc`
    MaTthc,
    /// `ma_don_vi`
    MaDonVi,
    /// `ngay_tiep_nhan`
    NgayTiepNhan,
    /// `tong_phi`
    TongPhi,
    /// `tk_thu_huong`
    TkThuHuong,
    /// `ma_nh_thu_huong`
    MaNhThuHuong,
    /// `ma_tham_chieu`
    MaThamChieu,
    /// `ma_giao_dich`
    MaGiaoDich,
    /// `so_tien`
    SoTien,
    /// `thoi_gian_gd`
    ThoiGianGd,
    /// `trang_thai_gd`
    TrangThaiGd,
    /// `ma_giao_dich_nh`
    MaGiaoDichNh,
    /// `thoi_gian`
    ThoiGian,
    /// `noi_dung`
    NoiDung,
}

impl Col {
    /// Every column, in the order of their discriminants.
    pub const ALL: [Col; 15] = [
        Col::MaHoSo,
        Col::MaTthc,
        Col::MaDonVi,
        Col::NgayTiepNhan,
        Col::TongPhi,
        Col::TkThuHuong,
        Col::MaNhThuHuong,
        Col::MaThamChieu,
        Col::MaGiaoDich,
        Col::SoTien,
        Col::ThoiGianGd,
        Col::TrangThaiGd,
        Col::MaGiaoDichNh,
        Col::ThoiGian,
        Col::NoiDung,
    ];

    /// The column's name in a CSV header or JSON object.
    pub fn name(self) -> &'static str {
        match self {
            Col::MaHoSo => "ma_ho_so",
            Col::MaTthc => "ma_tthc",
            Col::MaDonVi => "ma_don_vi",
            Col::NgayTiepNhan => "ngay_tiep_nhan",
            Col::TongPhi => "tong_phi",
            Col::TkThuHuong => "tk_thu_huong",
            Col::MaNhThuHuong => "ma_nh_thu_huong",
            Col::MaThamChieu => "ma_tham_chieu",
            Col::MaGiaoDich => "ma_giao_dich",
            Col::SoTien => "so_tien",
            Col::ThoiGianGd => "thoi_gian_gd",
            Col::TrangThaiGd => "trang_thai_gd",
            Col::MaGiaoDichNh => "ma_giao_dich_nh",
            Col::ThoiGian => "thoi_gian",
            Col::NoiDung => "noi_dung",
        }
    }
}

/// Named access to the fields of one row (a CSV record with its header, or a JSON object).
pub trait Fields {
    /// The field's text, `None` when the column or key is absent.
    fn get(&self, name: &str) -> Option<&str>;

    /// The text of a known column ([`Fields::get`] of its name; a reader that resolved its
    /// header once answers without comparing names).
    fn col(&self, c: Col) -> Option<&str> {
        self.get(c.name())
    }

    /// An error found while reading the record's fields (a value that is not text), which makes
    /// the record unreadable whatever it holds.
    fn invalid(&self) -> Option<Error> {
        None
    }
}

/// The record's own error, if its reader found one.
fn readable<F: Fields + ?Sized>(f: &F) -> Result<(), Error> {
    f.invalid().map_or(Ok(()), Err)
}

/// `s` without leading and trailing white space (`str::trim`), with no work when it starts and ends
/// with a visible ASCII character, as almost every field does.
fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

fn required<F: Fields + ?Sized>(f: &F, c: Col) -> Result<&str, Error> {
    match f.col(c).map(trim) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::new(ErrorCode::ReconField, c.name(), "missing or empty")),
    }
}

/// A code (MaHoSo, MaThamChieu): required, and with a letter or digit (7002 otherwise: a code of
/// separators only, like `--`, names no dossier and no remark can name it).
fn code<F: Fields + ?Sized>(f: &F, c: Col) -> Result<&str, Error> {
    let v = required(f, c)?;
    if has_compact_char(v) {
        Ok(v)
    } else {
        Err(Error::new(ErrorCode::ReconField, c.name(), "has no letter or digit"))
    }
}

fn optional<F: Fields + ?Sized>(f: &F, c: Col) -> &str {
    f.col(c).map(trim).unwrap_or("")
}

/// Parses a whole, non-negative amount of đồng (digits only).
pub fn parse_amount(field: &'static str, s: &str) -> Result<Vnd, Error> {
    let s = trim(s);
    if s.is_empty() {
        return Err(Error::new(ErrorCode::ReconField, field, "missing or empty"));
    }
    let mut v: i64 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return Err(Error::new(
                ErrorCode::ReconAmount,
                field,
                "not a whole non-negative number of dong (digits only, no separators or decimals)",
            ));
        }
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .ok_or_else(|| Error::new(ErrorCode::ReconAmount, field, "does not fit in i64 dong"))?;
    }
    Ok(Vnd(v))
}

fn digits<const N: usize>(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b.get(..N)? {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// Parses a local time in the forms banks and DVCQG use: `yyyyMMddHHmmss` (DVCQG wire),
/// `yyyy-MM-dd HH:mm:ss` (also with `T`), `dd/MM/yyyy HH:mm:ss`. 24-hour clock; second 60 rejected.
pub fn parse_local_time(s: &str) -> Option<LocalSeconds> {
    let b = trim(s).as_bytes();
    let (y, mo, d, h, mi, se) = match b.len() {
        14 => (
            digits::<4>(b)?,
            digits::<2>(&b[4..])?,
            digits::<2>(&b[6..])?,
            digits::<2>(&b[8..])?,
            digits::<2>(&b[10..])?,
            digits::<2>(&b[12..])?,
        ),
        19 if b[4] == b'-' && b[7] == b'-' && (b[10] == b' ' || b[10] == b'T') && b[13] == b':' && b[16] == b':' => (
            digits::<4>(b)?,
            digits::<2>(&b[5..])?,
            digits::<2>(&b[8..])?,
            digits::<2>(&b[11..])?,
            digits::<2>(&b[14..])?,
            digits::<2>(&b[17..])?,
        ),
        19 if b[2] == b'/' && b[5] == b'/' && b[10] == b' ' && b[13] == b':' && b[16] == b':' => (
            digits::<4>(&b[6..])?,
            digits::<2>(&b[3..])?,
            digits::<2>(b)?,
            digits::<2>(&b[11..])?,
            digits::<2>(&b[14..])?,
            digits::<2>(&b[17..])?,
        ),
        _ => return None,
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let month_days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > month_days || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let (y, mo, d) = (i64::from(y), i64::from(mo), i64::from(d));
    // Days since 1970-01-01 of a civil date (H. Hinnant's algorithm, the inverse of the one in
    // `format_local_time_into`).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(se))
}

/// Formats local seconds as DVCQG `yyyyMMddHHmmss` (years 0-9999; empty outside).
pub fn format_local_time(t: LocalSeconds) -> String {
    format_local_time_into(t, &mut [0; 14]).to_string()
}

/// [`format_local_time`] into a caller's buffer.
pub fn format_local_time_into(t: LocalSeconds, buf: &mut [u8; 14]) -> &str {
    std::str::from_utf8(local_time_digits(t, buf)).unwrap_or("")
}

/// The first second of year 0 and the last of year 9999 (proleptic Gregorian), as local seconds.
const FIRST_SECOND: LocalSeconds = -62_167_219_200;
const LAST_SECOND: LocalSeconds = 253_402_300_799;

/// `00` to `99`, two ASCII digits each.
const PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// `t` as `yyyyMMddHHmmss` (ASCII digits) written to `buf`; empty outside years 0-9999. Unsigned
/// arithmetic on 32 bits and two digits at a time: the results writer calls it for every row.
pub(crate) fn local_time_digits(t: LocalSeconds, buf: &mut [u8; 14]) -> &[u8] {
    if !(FIRST_SECOND..=LAST_SECOND).contains(&t) {
        return &[];
    }
    let since = (t - FIRST_SECOND) as u64;
    let (days, secs) = ((since / 86_400) as u32, (since % 86_400) as u32);
    // Civil date (H. Hinnant's algorithm) counted from 1 March of year −400, a whole 400-year
    // cycle before year 0's (its 60th day), so that every quantity is unsigned.
    let z = days + 146_097 - 60;
    let (era, doe) = (z / 146_097, z % 146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u32::from(m <= 2) - 400;
    for (at, v) in [y / 100, y % 100, m, d, secs / 3600, secs / 60 % 60, secs % 60]
        .into_iter()
        .enumerate()
    {
        let v = v as usize;
        buf[2 * at..2 * at + 2].copy_from_slice(&PAIRS[2 * v..2 * v + 2]);
    }
    buf
}

/// The local day `yyyy-MM-dd` of a time (for per-day totals).
pub fn local_day(t: LocalSeconds) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.naive_utc().format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn time_field<F: Fields + ?Sized>(f: &F, c: Col) -> Result<LocalSeconds, Error> {
    let v = required(f, c)?;
    parse_local_time(v).ok_or_else(|| {
        Error::new(
            ErrorCode::ReconTime,
            c.name(),
            "not a valid local time (yyyyMMddHHmmss, yyyy-MM-dd HH:mm:ss or dd/MM/yyyy HH:mm:ss)",
        )
    })
}

fn row_error<F: Fields + ?Sized>(f: &F, line: u64, id: Col, amount: Col, error: Error) -> RowError {
    RowError {
        line,
        error,
        id: optional(f, id).to_string(),
        so_tien: parse_amount(amount.name(), optional(f, amount)).ok(),
    }
}

/// Column names of each file, in the sample's order.
pub const DOSSIER_FIELDS: [&str; 7] = [
    "ma_ho_so",
    "ma_tthc",
    "ma_don_vi",
    "ngay_tiep_nhan",
    "tong_phi",
    "tk_thu_huong",
    "ma_nh_thu_huong",
];
/// Payment attempt columns.
pub const ATTEMPT_FIELDS: [&str; 8] = [
    "ma_tham_chieu",
    "ma_giao_dich",
    "ma_ho_so",
    "so_tien",
    "thoi_gian_gd",
    "trang_thai_gd",
    "tk_thu_huong",
    "ma_nh_thu_huong",
];
/// Bank credit columns.
pub const CREDIT_FIELDS: [&str; 5] = ["ma_giao_dich_nh", "thoi_gian", "so_tien", "tk_thu_huong", "noi_dung"];

/// Columns a file must have (optional ones may be absent).
pub(crate) const DOSSIER_REQUIRED: [&str; 4] = ["ma_ho_so", "tong_phi", "tk_thu_huong", "ngay_tiep_nhan"];
pub(crate) const ATTEMPT_REQUIRED: [&str; 6] = [
    "ma_tham_chieu",
    "ma_ho_so",
    "so_tien",
    "thoi_gian_gd",
    "trang_thai_gd",
    "tk_thu_huong",
];
pub(crate) const CREDIT_REQUIRED: [&str; 5] = CREDIT_FIELDS;

impl<'a> CreditView<'a> {
    /// Builds a borrowed credit from named fields. An empty remark is allowed (it matches nothing).
    pub fn from_fields<F: Fields + ?Sized>(f: &'a F, line: u64) -> Result<Self, RowError> {
        let build = || -> Result<Self, Error> {
            readable(f)?;
            Ok(Self {
                ma_giao_dich_nh: required(f, Col::MaGiaoDichNh)?,
                thoi_gian: time_field(f, Col::ThoiGian)?,
                so_tien: parse_amount("so_tien", required(f, Col::SoTien)?)?,
                tk_thu_huong: required(f, Col::TkThuHuong)?,
                noi_dung: f.col(Col::NoiDung).unwrap_or(""),
            })
        };
        build().map_err(|e| row_error(f, line, Col::MaGiaoDichNh, Col::SoTien, e))
    }

    /// An owned copy.
    pub fn to_owned(&self) -> Credit {
        Credit {
            ma_giao_dich_nh: self.ma_giao_dich_nh.to_string(),
            thoi_gian: self.thoi_gian,
            so_tien: self.so_tien,
            tk_thu_huong: self.tk_thu_huong.to_string(),
            noi_dung: self.noi_dung.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_form_agree() {
        let a = parse_local_time("20260718071319").unwrap();
        assert_eq!(parse_local_time("2026-07-18 07:13:19"), Some(a));
        assert_eq!(parse_local_time("2026-07-18T07:13:19"), Some(a));
        assert_eq!(parse_local_time("18/07/2026 07:13:19"), Some(a));
        assert_eq!(format_local_time(a), "20260718071319");
        // The hand-written formatter agrees with chrono over centuries.
        for t in (-2_208_988_800i64..4_102_444_800).step_by(7_777_777) {
            let want = chrono::DateTime::from_timestamp(t, 0)
                .unwrap()
                .naive_utc()
                .format("%Y%m%d%H%M%S")
                .to_string();
            assert_eq!(format_local_time(t), want);
        }
        // The first and last second of the years written, and one outside on each side.
        assert_eq!(format_local_time(FIRST_SECOND), "00000101000000");
        assert_eq!(format_local_time(LAST_SECOND), "99991231235959");
        assert_eq!(format_local_time(FIRST_SECOND - 1), "");
        assert_eq!(format_local_time(LAST_SECOND + 1), "");
        assert_eq!(format_local_time(LocalSeconds::MIN), "");
        assert_eq!(format_local_time(LocalSeconds::MAX), "");
        assert_eq!(local_day(a), "2026-07-18");
        for bad in ["20260718071360", "2026-02-30 00:00:00", "2026-07-18 7:13:19", "", "x"] {
            assert_eq!(parse_local_time(bad), None, "{bad}");
        }
        for bad in [
            "20250229000000",
            "19000229000000",
            "20261301000000",
            "20260100000000",
            "20260431000000",
            "20260101240000",
            "20260101006000",
        ] {
            assert_eq!(parse_local_time(bad), None, "{bad}");
        }
        assert!(parse_local_time("20240229235959").is_some());
        assert!(parse_local_time("20000229000000").is_some());
    }

    proptest::proptest! {
        /// The formatter agrees with chrono on every second of years 0-9999, and formatting then
        /// parsing gives the second back.
        #[test]
        fn formatting_agrees_with_chrono(t in FIRST_SECOND..=LAST_SECOND) {
            let want = chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc().format("%Y%m%d%H%M%S").to_string();
            let text = format_local_time(t);
            proptest::prop_assert_eq!(&text, &want);
            proptest::prop_assert_eq!(parse_local_time(&text), Some(t));
        }

        /// The hand-written parser agrees with chrono on every 14-digit text of plausible parts,
        /// valid or not (day 0-31, month 0-13, hour 0-24, minute and second 0-60).
        #[test]
        fn parsing_agrees_with_chrono(y in 0u32..10_000, mo in 0u32..14, d in 0u32..32, h in 0u32..25, mi in 0u32..61, se in 0u32..61) {
            let text = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{se:02}");
            let want = chrono::NaiveDate::from_ymd_opt(y as i32, mo, d)
                .and_then(|date| date.and_hms_opt(h, mi, se))
                .map(|t| t.and_utc().timestamp());
            proptest::prop_assert_eq!(parse_local_time(&text), want, "{}", text);
        }
    }

    #[test]
    fn amounts_are_whole_dong() {
        assert_eq!(parse_amount("so_tien", "30000").unwrap(), Vnd(30000));
        for bad in ["-1", "1.5", "1,000", "9223372036854775808"] {
            let e = parse_amount("so_tien", bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::ReconAmount, "{bad}");
            assert_eq!(e.field, "so_tien");
        }
    }
}
