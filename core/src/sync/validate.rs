//! Validation of DVCQG sync payloads: reports **all** problems, each with a JSON path.
use super::model::*;
use super::time::parse_dvcqg_time;
use super::wire::Text;
use crate::error::ErrorCode;
use crate::ids::{Cccd, Cmnd, DossierCode, IdRules, ProcedureCode};
use crate::money::Vnd;
use crate::status::DossierStatus;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// One problem found in a payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncIssue {
    /// Stable code (4000-4999).
    #[serde(serialize_with = "code_number")]
    pub code: ErrorCode,
    /// JSON path, e.g. `$.DanhSachLePhi[0].Gia` or `$.data[2].NgayTra`.
    pub path: String,
    /// What is wrong; never quotes personal data.
    pub message: String,
}

fn code_number<S: serde::Serializer>(c: &ErrorCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u32(c.code())
}

impl fmt::Display for SyncIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.path, self.message, self.code.code())
    }
}

/// Text length limits (characters). The official schema is UNCONFIRMED: defaults are the limits
/// the Thanh Hóa integration enforces before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// TrichYeuHoSo.
    pub trich_yeu_ho_so: usize,
    /// NguoiXuLy.
    pub nguoi_xu_ly: usize,
    /// TenTepDinhKem.
    pub ten_tep_dinh_kem: usize,
    /// TenGiayTo.
    pub ten_giay_to: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            trich_yeu_ho_so: 1000,
            nguoi_xu_ly: 50,
            ten_tep_dinh_kem: 4000,
            ten_giay_to: 2000,
        }
    }
}

/// Adapter-specific rules. Value sets differ between adapters (UNCONFIRMED); defaults follow the
/// Thanh Hóa integration, the richest public evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRules {
    /// Identifier rules (and "today" for personal-ID birth years).
    pub ids: IdRules,
    /// LoaiDoiTuong values. Default 1-4 (công dân, doanh nghiệp, cơ quan nhà nước, tổ chức/khác).
    pub loai_doi_tuong: Vec<String>,
    /// HinhThuc values. Default 0 (at the desk), 1 (postal).
    pub hinh_thuc: Vec<String>,
    /// DuocThanhToanTrucTuyen values. Default 0-3 (meaning of 0 and 3 UNCONFIRMED).
    pub duoc_thanh_toan_truc_tuyen: Vec<String>,
    /// Text limits.
    pub limits: Limits,
}

impl SyncRules {
    /// Defaults with the given reference date.
    pub fn new(today: NaiveDate) -> Self {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        Self {
            ids: IdRules::new(today),
            loai_doi_tuong: v(&["1", "2", "3", "4"]),
            hinh_thuc: v(&["0", "1"]),
            duoc_thanh_toan_truc_tuyen: v(&["0", "1", "2", "3"]),
            limits: Limits::default(),
        }
    }
}

/// A path segment chain, rendered only when an issue is reported.
#[derive(Clone, Copy)]
struct P<'a> {
    parent: Option<&'a P<'a>>,
    name: &'a str,
    index: Option<usize>,
}

impl<'a> P<'a> {
    fn root(name: &'a str, index: Option<usize>) -> Self {
        P {
            parent: None,
            name,
            index,
        }
    }
    fn field(&'a self, name: &'a str) -> P<'a> {
        P {
            parent: Some(self),
            name,
            index: None,
        }
    }
    fn item(&'a self, name: &'a str, i: usize) -> P<'a> {
        P {
            parent: Some(self),
            name,
            index: Some(i),
        }
    }
}

impl fmt::Display for P<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.parent {
            write!(f, "{p}.")?;
        }
        f.write_str(self.name)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        Ok(())
    }
}

struct Checker<'r> {
    rules: &'r SyncRules,
    issues: Vec<SyncIssue>,
}

const BINARY: &[&str] = &["0", "1"];

impl<'r> Checker<'r> {
    fn push(&mut self, code: ErrorCode, path: &P<'_>, message: impl Into<String>) {
        self.issues.push(SyncIssue {
            code,
            path: path.to_string(),
            message: message.into(),
        });
    }

    /// Shape problems of every field of a record.
    fn shapes(&mut self, at: &P<'_>, each: impl FnOnce(&mut dyn FnMut(&'static str, ErrorCode, &'static str))) {
        let mut found = Vec::new();
        each(&mut |name, code, expected| found.push((name, code, expected)));
        for (name, code, expected) in found {
            self.push(code, &at.field(name), format!("must be {expected}"));
        }
    }

    /// A present, non-empty string value.
    fn text<'a>(&self, v: &'a Option<Text>) -> Option<&'a str> {
        v.as_ref().and_then(Text::as_str).filter(|s| !s.is_empty())
    }

    fn required<'a>(&mut self, at: &P<'_>, name: &str, v: &'a Option<Text>) -> Option<&'a str> {
        let s = self.text(v);
        if s.is_none() && !matches!(v, Some(Text::Other(_))) {
            self.push(
                ErrorCode::SyncMissingField,
                &at.field(name),
                "required field is missing or empty",
            );
        }
        s
    }

    fn time(&mut self, at: &P<'_>, name: &str, v: &Option<Text>) -> Option<NaiveDateTime> {
        let s = self.text(v)?;
        let t = parse_dvcqg_time(s);
        if t.is_none() {
            let shown = crate::text::shown(s, 30);
            self.push(
                ErrorCode::SyncDate,
                &at.field(name),
                format!("{shown} is not a yyyyMMddHHmmss date and 24-hour time"),
            );
        }
        t
    }

    fn one_of(&mut self, at: &P<'_>, name: &str, v: &Option<Text>, allowed: &[impl AsRef<str>]) -> Option<()> {
        let s = self.text(v)?;
        if allowed.iter().any(|a| a.as_ref() == s) {
            return Some(());
        }
        let list: Vec<&str> = allowed.iter().map(AsRef::as_ref).collect();
        let shown = crate::text::shown(s, 20);
        self.push(
            ErrorCode::SyncEnum,
            &at.field(name),
            format!("{shown} is not one of {}", list.join(", ")),
        );
        None
    }

    fn max_len(&mut self, at: &P<'_>, name: &str, v: &Option<Text>, limit: usize) {
        if let Some(s) = self.text(v) {
            if s.len() > limit {
                let n = s.chars().count();
                if n > limit {
                    self.push(
                        ErrorCode::SyncTooLong,
                        &at.field(name),
                        format!("{n} characters, limit {limit}"),
                    );
                }
            }
        }
    }

    fn order(&mut self, at: &P<'_>, earlier: (&str, Option<NaiveDateTime>), later: (&str, Option<NaiveDateTime>)) {
        if let ((a, Some(ta)), (b, Some(tb))) = (earlier, later) {
            if tb < ta {
                self.push(ErrorCode::SyncDateOrder, &at.field(b), format!("{b} is before {a}"));
            }
        }
    }

    fn status(&mut self, at: &P<'_>, name: &str, v: &Option<Text>) -> Option<DossierStatus> {
        let s = self.text(v)?;
        let st = s
            .parse::<u8>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|c| DossierStatus::from_code(c).ok());
        if st.is_none() {
            let shown = crate::text::shown(s, 20);
            self.push(
                ErrorCode::SyncEnum,
                &at.field(name),
                format!("{shown} is not a status 1-10"),
            );
        }
        st
    }

    fn personal_id(&mut self, at: &P<'_>, name: &str, s: &str, kind: Option<&str>) {
        let r = match (kind, s.chars().count()) {
            (Some("1"), _) | (None, 12) => Cccd::validate(s, &self.rules.ids).err(),
            (Some("2"), _) if s == "000000001" => None, // documented placeholder for "no number"
            (Some("2"), _) | (None, 9) => Cmnd::validate(s).err(),
            _ => None,
        };
        if let Some(e) = r {
            self.push(ErrorCode::SyncInvalidCode, &at.field(name), e.to_string());
        }
    }

    fn ho_so(&mut self, at: &P<'_>, h: &HoSo) {
        self.shapes(at, |f| h.each_shape_problem(f));
        let rules = self.rules;
        if let Some(s) = self.required(at, "MaHoSo", &h.ma_ho_so) {
            if let Err(e) = DossierCode::validate(s, &rules.ids) {
                self.push(ErrorCode::SyncInvalidCode, &at.field("MaHoSo"), e.to_string());
            }
        }
        if let Some(s) = self.required(at, "MaTTHC", &h.ma_tthc) {
            if let Err(e) = ProcedureCode::validate(s, &rules.ids) {
                self.push(ErrorCode::SyncInvalidCode, &at.field("MaTTHC"), e.to_string());
            }
        }
        for (name, v) in [
            ("TenTTHC", &h.ten_tthc),
            ("MaLinhVuc", &h.ma_linh_vuc),
            ("TenLinhVuc", &h.ten_linh_vuc),
            ("TrichYeuHoSo", &h.trich_yeu_ho_so),
            ("DonViXuLy", &h.don_vi_xu_ly),
        ] {
            self.required(at, name, v);
        }
        if self.required(at, "KenhThucHien", &h.kenh_thuc_hien).is_some() {
            self.one_of(at, "KenhThucHien", &h.kenh_thuc_hien, &["1", "2", "3"]);
        }
        if self.required(at, "LoaiDoiTuong", &h.loai_doi_tuong).is_some() {
            self.one_of(at, "LoaiDoiTuong", &h.loai_doi_tuong, &rules.loai_doi_tuong);
        }
        if self.required(at, "HinhThuc", &h.hinh_thuc).is_some() {
            self.one_of(at, "HinhThuc", &h.hinh_thuc, &rules.hinh_thuc);
        }
        self.one_of(
            at,
            "DuocThanhToanTrucTuyen",
            &h.duoc_thanh_toan_truc_tuyen,
            &rules.duoc_thanh_toan_truc_tuyen,
        );
        self.one_of(at, "HoSoCoThanhPhanSoHoa", &h.ho_so_co_thanh_phan_so_hoa, BINARY);
        self.one_of(
            at,
            "TaiKhoanDuocXacThucVoiVNeID",
            &h.tai_khoan_duoc_xac_thuc_voi_vneid,
            BINARY,
        );
        self.max_len(at, "TrichYeuHoSo", &h.trich_yeu_ho_so, rules.limits.trich_yeu_ho_so);

        let status = if self.required(at, "TrangThaiHoSo", &h.trang_thai_ho_so).is_some() {
            self.status(at, "TrangThaiHoSo", &h.trang_thai_ho_so)
        } else {
            None
        };
        let nop = self.time(at, "NgayNopHoSo", &h.ngay_nop_ho_so);
        let tiep_nhan = self.time(at, "NgayTiepNhan", &h.ngay_tiep_nhan);
        let hen_tra = self.time(at, "NgayHenTra", &h.ngay_hen_tra);
        let ket_thuc = self.time(at, "NgayKetThucXuLy", &h.ngay_ket_thuc_xu_ly);
        let tra = self.time(at, "NgayTra", &h.ngay_tra);
        let tu_choi = self.time(at, "NgayTuChoi", &h.ngay_tu_choi);

        // NgayNopHoSo ≤ NgayTiepNhan ≤ NgayKetThucXuLy ≤ NgayTra, each against the nearest earlier date present.
        let chain = [
            ("NgayNopHoSo", nop),
            ("NgayTiepNhan", tiep_nhan),
            ("NgayKetThucXuLy", ket_thuc),
            ("NgayTra", tra),
        ];
        for i in 1..chain.len() {
            if let Some(prev) = chain[..i].iter().rev().find(|(_, t)| t.is_some()) {
                self.order(at, *prev, chain[i]);
            }
        }
        self.order(at, ("NgayTiepNhan", tiep_nhan), ("NgayHenTra", hen_tra));
        self.order(at, ("NgayNopHoSo", nop), ("NgayTuChoi", tu_choi));

        if let Some(st) = status {
            use DossierStatus::*;
            let has = |v: &Option<Text>| v.as_ref().and_then(Text::as_str).is_some_and(|s| !s.is_empty());
            let (tiep_nhan, tra, ket_thuc, tu_choi, ghi_chu) = (
                has(&h.ngay_tiep_nhan),
                has(&h.ngay_tra),
                has(&h.ngay_ket_thuc_xu_ly),
                has(&h.ngay_tu_choi),
                has(&h.ghi_chu),
            );
            let mut needs = |cond: bool, field: &str, what: &str| {
                if cond {
                    self.push(
                        ErrorCode::SyncStatusInconsistent,
                        &at.field(field),
                        format!("status {} ({}) {what}", st.code(), st.label_vi()),
                    );
                }
            };
            needs(
                !matches!(st, Submitted | Refused) && !tiep_nhan,
                "NgayTiepNhan",
                "needs NgayTiepNhan",
            );
            needs(st == Returned && !tra, "NgayTra", "needs NgayTra");
            needs(st == Processed && !ket_thuc, "NgayKetThucXuLy", "needs NgayKetThucXuLy");
            needs(st == Refused && !tu_choi, "NgayTuChoi", "needs NgayTuChoi");
            needs(
                st == Refused && !ghi_chu,
                "GhiChu",
                "needs the refusal reason in GhiChu",
            );
            needs(
                st != Returned && tra,
                "NgayTra",
                "must not carry NgayTra (only 10 does)",
            );
            needs(
                st != Refused && tu_choi,
                "NgayTuChoi",
                "must not carry NgayTuChoi (only 3 does)",
            );
        }

        if let Some(s) = self.text(&h.so_giay_to_chu_ho_so) {
            self.personal_id(at, "SoGiayToChuHoSo", s, None);
        }
        for (i, d) in h.dinh_danh_chs.iter().flat_map(|l| l.items().iter().enumerate()) {
            let p = at.item("DinhDanhCHS", i);
            self.shapes(&p, |f| d.each_shape_problem(f));
            let ok_kind = self
                .one_of(&p, "LoaiDinhDanh", &d.loai_dinh_danh, &["1", "2"])
                .is_some();
            if let (true, Some(n)) = (ok_kind, self.text(&d.so_dinh_danh)) {
                self.personal_id(&p, "SoDinhDanh", n, self.text(&d.loai_dinh_danh));
            }
        }
        for (i, d) in h.ds_ket_noi_csdl.iter().flat_map(|l| l.items().iter().enumerate()) {
            let p = at.item("DSKetNoiCSDL", i);
            self.shapes(&p, |f| d.each_shape_problem(f));
        }
        for (i, t) in h.tai_lieu_nop.iter().flat_map(|l| l.items().iter().enumerate()) {
            let p = at.item("TaiLieuNop", i);
            self.shapes(&p, |f| t.each_shape_problem(f));
            self.max_len(&p, "TenTepDinhKem", &t.ten_tep_dinh_kem, rules.limits.ten_tep_dinh_kem);
            self.one_of(&p, "IsDeleted", &t.is_deleted, BINARY);
            self.one_of(&p, "DuocSoHoa", &t.duoc_so_hoa, BINARY);
            self.one_of(&p, "DuocTaiSuDung", &t.duoc_tai_su_dung, &["0", "1", "2"]);
            self.one_of(&p, "DuocLayTuKhoDMQG", &t.duoc_lay_tu_kho_dmqg, BINARY);
        }
        for (i, f) in h.danh_sach_le_phi.iter().flat_map(|l| l.items().iter().enumerate()) {
            self.le_phi(&at.item("DanhSachLePhi", i), f);
        }
        for (i, t) in h
            .danh_sach_tep_dinh_kem_khac
            .iter()
            .flat_map(|l| l.items().iter().enumerate())
        {
            let p = at.item("DanhSachTepDinhKemKhac", i);
            self.shapes(&p, |f| t.each_shape_problem(f));
            self.max_len(&p, "TenGiayTo", &t.ten_giay_to, rules.limits.ten_giay_to);
        }
        for (i, b) in h
            .danh_sach_ho_so_bo_sung
            .iter()
            .flat_map(|l| l.items().iter().enumerate())
        {
            let p = at.item("DanhSachHoSoBoSung", i);
            self.shapes(&p, |f| b.each_shape_problem(f));
            let asked = self.time(&p, "NgayBoSung", &b.ngay_bo_sung);
            let got = self.time(&p, "NgayTiepNhanBoSung", &b.ngay_tiep_nhan_bo_sung);
            self.order(&p, ("NgayBoSung", asked), ("NgayTiepNhanBoSung", got));
            self.time(&p, "NgayHenTraTruoc", &b.ngay_hen_tra_truoc);
            self.time(&p, "NgayHenTraMoi", &b.ngay_hen_tra_moi);
            for (j, f) in b
                .danh_sach_le_phi_bo_sung
                .iter()
                .flat_map(|l| l.items().iter().enumerate())
            {
                self.le_phi(&p.item("DanhSachLePhiBoSung", j), f);
            }
        }
        for (i, g) in h
            .danh_sach_giay_to_ket_qua
            .iter()
            .flat_map(|l| l.items().iter().enumerate())
        {
            let p = at.item("DanhSachGiayToKetQua", i);
            self.shapes(&p, |f| g.each_shape_problem(f));
            self.max_len(&p, "TenGiayTo", &g.ten_giay_to, rules.limits.ten_giay_to);
        }
    }

    /// Checks each item of an envelope's `data` array as a `T` record.
    fn items<'v, T: Deserialize<'v>>(
        &mut self,
        root: &P<'_>,
        items: &'v [Value],
        check: impl Fn(&mut Self, &P<'_>, &T),
    ) {
        for (i, item) in items.iter().enumerate() {
            let p = root.item("data", i);
            match T::deserialize(item) {
                Ok(record) => check(self, &p, &record),
                Err(_) => self.push(ErrorCode::SyncShape, &p, "each data item must be a JSON object"),
            }
        }
    }

    fn le_phi(&mut self, at: &P<'_>, f: &LePhi) {
        self.shapes(at, |g| f.each_shape_problem(g));
        if let Some(s) = self.required(at, "Gia", &f.gia) {
            if let Err(e) = Vnd::parse_non_negative("Gia", s) {
                self.push(ErrorCode::SyncAmount, &at.field("Gia"), e.0.detail);
            }
        }
    }

    fn tien_do(&mut self, at: &P<'_>, t: &TienDo) {
        self.shapes(at, |f| t.each_shape_problem(f));
        let rules = self.rules;
        if let Some(s) = self.required(at, "MaHoSo", &t.ma_ho_so) {
            if let Err(e) = DossierCode::validate(s, &rules.ids) {
                self.push(ErrorCode::SyncInvalidCode, &at.field("MaHoSo"), e.to_string());
            }
        }
        self.required(at, "NguoiXuLy", &t.nguoi_xu_ly);
        self.max_len(at, "NguoiXuLy", &t.nguoi_xu_ly, rules.limits.nguoi_xu_ly);
        self.required(at, "NoiDungXuLy", &t.noi_dung_xu_ly);
        if self.required(at, "ThoiDiemXuLy", &t.thoi_diem_xu_ly).is_some() {
            self.time(at, "ThoiDiemXuLy", &t.thoi_diem_xu_ly);
        }
        if self.required(at, "TrangThai", &t.trang_thai).is_some() {
            self.status(at, "TrangThai", &t.trang_thai);
        }
        let start = self.time(at, "NgayBatDau", &t.ngay_bat_dau);
        let end = self.time(at, "NgayKetThucTheoQuyDinh", &t.ngay_ket_thuc_theo_quy_dinh);
        self.order(at, ("NgayBatDau", start), ("NgayKetThucTheoQuyDinh", end));
    }
}

/// Validates one dossier record (DongBoHoSoMC data item). Paths start at `$`.
pub fn validate_ho_so(h: &HoSo, rules: &SyncRules) -> Vec<SyncIssue> {
    let mut c = Checker {
        rules,
        issues: Vec::new(),
    };
    c.ho_so(&P::root("$", None), h);
    c.issues
}

/// Validates one progress step (CapNhatTienDoHoSoMC data item).
pub fn validate_tien_do(t: &TienDo, rules: &SyncRules) -> Vec<SyncIssue> {
    let mut c = Checker {
        rules,
        issues: Vec::new(),
    };
    c.tien_do(&P::root("$", None), t);
    c.issues
}

/// The sync services.
pub const SERVICES: [&str; 2] = ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"];

/// Validates one JSON document: either a bare dossier record or an envelope
/// `{"service": "DongBoHoSoMC" | "CapNhatTienDoHoSoMC", "isUpdating": ..., "data": [...]}`.
pub fn validate_document(json: &[u8], rules: &SyncRules) -> Vec<SyncIssue> {
    let mut c = Checker {
        rules,
        issues: Vec::new(),
    };
    let root = P::root("$", None);
    // One UTF-8 check for the whole document, then a parser that does not re-check each string.
    let text = match simdutf8::compat::from_utf8(json) {
        Ok(t) => t,
        Err(e) => {
            c.push(
                ErrorCode::SyncJson,
                &root,
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            );
            return c.issues;
        }
    };
    let h: HoSo = match serde_json::from_str(text) {
        Ok(h) => h,
        Err(e) => {
            let code = if e.is_data() {
                ErrorCode::SyncShape
            } else {
                ErrorCode::SyncJson
            };
            let msg = if e.is_data() {
                "a payload must be a JSON object".to_string()
            } else {
                format!("invalid JSON at column {}: {}", e.column(), json_error_message(&e))
            };
            c.push(code, &root, msg);
            return c.issues;
        }
    };
    let service = h.extra.iter().find(|(k, _)| k == "service").map(|(_, v)| v);
    let Some(service) = service else {
        c.ho_so(&root, &h);
        return c.issues;
    };
    let data = h.extra.iter().find(|(k, _)| k == "data").map(|(_, v)| v);
    let items = match data {
        Some(Value::Array(items)) => items.as_slice(),
        _ => {
            c.push(ErrorCode::SyncShape, &root.field("data"), "envelope needs a data array");
            &[]
        }
    };
    match service.as_str() {
        Some("DongBoHoSoMC") => c.items(&root, items, |c: &mut Checker, p, h: &HoSo| c.ho_so(p, h)),
        Some("CapNhatTienDoHoSoMC") => c.items(&root, items, |c: &mut Checker, p, t: &TienDo| c.tien_do(p, t)),
        other => {
            let shown = other.map_or_else(|| "(not a string)".to_string(), |o| crate::text::shown(o, 40));
            c.push(
                ErrorCode::SyncUnknownService,
                &root.field("service"),
                format!("{shown} is not one of {}", SERVICES.join(", ")),
            );
        }
    }
    c.issues
}

/// serde_json's message without its " at line X column Y" suffix (the caller reports the position).
fn json_error_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    s.split(" at line ").next().unwrap_or(&s).to_string()
}

/// The issues of one input record (one line of JSON Lines, or the whole document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordReport {
    /// 1-based line number where the record starts.
    pub line: usize,
    /// Issues; empty when the record is valid.
    pub issues: Vec<SyncIssue>,
}

impl RecordReport {
    /// True when the record has no issue.
    pub fn is_valid(&self) -> bool {
        self.issues.is_empty()
    }
}

/// Validates input that is either one JSON document (possibly spread over several lines) or JSON
/// Lines. Every non-blank line of JSON Lines yields exactly one report, valid or not: no record is dropped.
pub fn validate_input(input: &[u8], rules: &SyncRules) -> Vec<RecordReport> {
    let trimmed = input.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = trimmed else { return Vec::new() };
    let first_line = 1 + memchr::memchr_iter(b'\n', &input[..start]).count();
    if serde_json::from_slice::<serde::de::IgnoredAny>(input).is_ok() {
        return vec![RecordReport {
            line: first_line,
            issues: validate_document(input, rules),
        }];
    }
    validate_jsonl(input, rules)
}

/// Validates JSON Lines: one report per non-blank line.
pub fn validate_jsonl(input: &[u8], rules: &SyncRules) -> Vec<RecordReport> {
    validate_lines(input, rules, 0)
}

/// The lines of `input` with their 1-based numbers (SIMD newline search).
fn lines(input: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', input).chain(std::iter::once(input.len()));
    ends.enumerate().filter_map(move |(i, end)| {
        let line = input.get(start..end)?;
        start = end + 1;
        Some((i + 1, line))
    })
}

fn validate_lines(input: &[u8], rules: &SyncRules, first_line: usize) -> Vec<RecordReport> {
    lines(input)
        .filter(|(_, l)| l.iter().any(|b| !b.is_ascii_whitespace()))
        .map(|(n, l)| RecordReport {
            line: first_line + n,
            issues: validate_document(l, rules),
        })
        .collect()
}

/// [`validate_input`] on up to `threads` threads for large JSON Lines inputs: the input is cut at
/// line boundaries into contiguous chunks and the reports come back in input order, identical to
/// the single-threaded result. Small inputs and single documents run on the calling thread.
pub fn validate_input_threads(input: &[u8], rules: &SyncRules, threads: usize) -> Vec<RecordReport> {
    const MIN_CHUNK: usize = 1 << 20;
    let threads = threads.clamp(1, input.len() / MIN_CHUNK + 1);
    if threads == 1 || serde_json::from_slice::<serde::de::IgnoredAny>(input).is_ok() {
        return validate_input(input, rules);
    }
    let mut chunks = Vec::with_capacity(threads);
    let mut start = 0;
    for k in 1..=threads {
        let end = if k == threads {
            input.len()
        } else {
            let target = (input.len() * k / threads).max(start);
            memchr::memchr(b'\n', &input[target..]).map_or(input.len(), |p| target + p + 1)
        };
        chunks.push(&input[start..end]);
        start = end;
    }
    let parts: Vec<(Vec<RecordReport>, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                scope.spawn(move || {
                    (
                        validate_lines(chunk, rules, 0),
                        memchr::memchr_iter(b'\n', chunk).count(),
                    )
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut out = Vec::with_capacity(parts.iter().map(|(r, _)| r.len()).sum());
    let mut offset = 0;
    for (reports, newlines) in parts {
        out.extend(reports.into_iter().map(|r| RecordReport {
            line: r.line + offset,
            ..r
        }));
        offset += newlines;
    }
    out
}
