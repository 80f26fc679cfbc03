//! Typed models of the payment-platform messages (bản tin), with the exact wire names of protocol
//! 1.0.6 (brief §5, `dvcqg_payment_platform.json`). Every value is a string on the wire.
//!
//! Reading a message ([`CallbackMessage::from_map`] ...) names the missing or mistyped wire field
//! (6101 / 6103); writing one ([`InitMessage::to_map`] ...) gives the JSON object the platform
//! expects. Signing and the callback checks are in [`platform`](super::platform).
// Each field is documented by its wire name (the serde rename next to it).
#![allow(missing_docs)]

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};

/// INIT (khởi tạo giao dịch): one-stop system → platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitMessage {
    #[serde(rename = "LoaiBanTin")]
    pub loai_ban_tin: String,
    #[serde(rename = "PhienBan")]
    pub phien_ban: String,
    #[serde(rename = "MaDoiTac")]
    pub ma_doi_tac: String,
    #[serde(rename = "MaThamChieu")]
    pub ma_tham_chieu: String,
    #[serde(rename = "SoTien")]
    pub so_tien: String,
    #[serde(rename = "LoaiHinhThanhToan")]
    pub loai_hinh_thanh_toan: String,
    #[serde(rename = "MaKenhThanhToan")]
    pub ma_kenh_thanh_toan: String,
    #[serde(rename = "MaThietBi")]
    pub ma_thiet_bi: String,
    #[serde(rename = "NgonNgu")]
    pub ngon_ngu: String,
    #[serde(rename = "MaTienTe")]
    pub ma_tien_te: String,
    #[serde(rename = "MaNganHang")]
    pub ma_ngan_hang: String,
    #[serde(rename = "ThongTinGiaoDich")]
    pub thong_tin_giao_dich: String,
    /// `yyyyMMddHHmmss`, 24-hour.
    #[serde(rename = "ThoiGianGD")]
    pub thoi_gian_gd: String,
    #[serde(rename = "Ip")]
    pub ip: String,
    #[serde(rename = "MaXacThuc")]
    pub ma_xac_thuc: String,
    /// Receipt details (not signed).
    #[serde(rename = "ThongTinBienLai", default, skip_serializing_if = "Option::is_none")]
    pub thong_tin_bien_lai: Option<ThongTinBienLai>,
}

/// ThongTinBienLai: what the platform prints on the e-receipt. Fine-related fields (ThuPhat, QD,
/// ViPham) stay empty for ordinary fees.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ThongTinBienLai {
    #[serde(rename = "MaDichVu", skip_serializing_if = "Option::is_none")]
    pub ma_dich_vu: Option<String>,
    #[serde(rename = "MaDVC", skip_serializing_if = "Option::is_none")]
    pub ma_dvc: Option<String>,
    #[serde(rename = "TenDVC", skip_serializing_if = "Option::is_none")]
    pub ten_dvc: Option<String>,
    #[serde(rename = "MaTTHC", skip_serializing_if = "Option::is_none")]
    pub ma_tthc: Option<String>,
    #[serde(rename = "TenTTHC", skip_serializing_if = "Option::is_none")]
    pub ten_tthc: Option<String>,
    /// Agency electronic id (e.g. 000.00.00.H56).
    #[serde(rename = "MaDonVi", skip_serializing_if = "Option::is_none")]
    pub ma_don_vi: Option<String>,
    #[serde(rename = "TenDonVi", skip_serializing_if = "Option::is_none")]
    pub ten_don_vi: Option<String>,
    #[serde(rename = "MaHoSo", skip_serializing_if = "Option::is_none")]
    pub ma_ho_so: Option<String>,
    #[serde(rename = "TKThuHuong", skip_serializing_if = "Option::is_none")]
    pub tk_thu_huong: Option<String>,
    #[serde(rename = "MaNHThuHuong", skip_serializing_if = "Option::is_none")]
    pub ma_nh_thu_huong: Option<String>,
    #[serde(rename = "TenTKThuHuong", skip_serializing_if = "Option::is_none")]
    pub ten_tk_thu_huong: Option<String>,
    #[serde(rename = "KhoBac", skip_serializing_if = "Option::is_none")]
    pub kho_bac: Option<String>,
    #[serde(rename = "TaiKhoanThuNSNN", skip_serializing_if = "Option::is_none")]
    pub tai_khoan_thu_nsnn: Option<String>,
    #[serde(rename = "NoiDungThanhToan", skip_serializing_if = "Option::is_none")]
    pub noi_dung_thanh_toan: Option<String>,
    #[serde(rename = "HoTenNguoiNop", skip_serializing_if = "Option::is_none")]
    pub ho_ten_nguoi_nop: Option<String>,
    #[serde(rename = "SoCMNDNguoiNop", skip_serializing_if = "Option::is_none")]
    pub so_cmnd_nguoi_nop: Option<String>,
    #[serde(rename = "DiaChiNguoiNop", skip_serializing_if = "Option::is_none")]
    pub dia_chi_nguoi_nop: Option<String>,
    #[serde(rename = "PhiLePhi", skip_serializing_if = "Vec::is_empty")]
    pub phi_le_phi: Vec<PhiLePhi>,
    #[serde(rename = "DSKhoanNop", skip_serializing_if = "Vec::is_empty")]
    pub ds_khoan_nop: Vec<KhoanNop>,
    /// Any other field (fines: MaLoaiHinhThuPhat, SoQD, ThoiGianViPham ...), kept as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One fee of ThongTinBienLai.PhiLePhi (codes opaque, brief §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhiLePhi {
    #[serde(rename = "LoaiPhiLePhi")]
    pub loai_phi_le_phi: String,
    #[serde(rename = "MaPhiLePhi")]
    pub ma_phi_le_phi: String,
    #[serde(rename = "TenPhiLePhi")]
    pub ten_phi_le_phi: String,
    #[serde(rename = "SoTien")]
    pub so_tien: String,
}

/// One item of ThongTinBienLai.DSKhoanNop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KhoanNop {
    #[serde(rename = "NoiDung")]
    pub noi_dung: String,
    #[serde(rename = "SoTien")]
    pub so_tien: String,
}

/// The confirmation callback (IPN): platform → one-stop system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackMessage {
    #[serde(rename = "LoaiBanTin")]
    pub loai_ban_tin: String,
    /// `00` = success.
    #[serde(rename = "MaLoi")]
    pub ma_loi: String,
    #[serde(rename = "MaDoiTac")]
    pub ma_doi_tac: String,
    #[serde(rename = "MaThamChieu")]
    pub ma_tham_chieu: String,
    #[serde(rename = "SoTien")]
    pub so_tien: String,
    #[serde(rename = "MaTienTe")]
    pub ma_tien_te: String,
    /// The platform's transaction id (idempotency key).
    #[serde(rename = "MaGiaoDich")]
    pub ma_giao_dich: String,
    #[serde(rename = "MaNganHang")]
    pub ma_ngan_hang: String,
    #[serde(rename = "ThoiGianGD")]
    pub thoi_gian_gd: String,
    #[serde(rename = "ThongTinGiaoDich")]
    pub thong_tin_giao_dich: String,
    #[serde(rename = "MaXacThuc")]
    pub ma_xac_thuc: String,
}

/// QUERY (truy vấn) or GET_BILL (lấy biên lai): one-stop system → platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupMessage {
    /// `QUERY` or `GET_BILL`.
    #[serde(rename = "LoaiBanTin")]
    pub loai_ban_tin: String,
    #[serde(rename = "PhienBan")]
    pub phien_ban: String,
    #[serde(rename = "MaDoiTac")]
    pub ma_doi_tac: String,
    #[serde(rename = "MaThamChieu")]
    pub ma_tham_chieu: String,
    /// The INIT's ThoiGianGD, exactly.
    #[serde(rename = "ThoiGianGD")]
    pub thoi_gian_gd: String,
    #[serde(rename = "MaXacThuc")]
    pub ma_xac_thuc: String,
}

/// The platform's answer to QUERY: TrangThaiGD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrangThaiGd {
    /// `1`: paid.
    Success,
    /// `3`: the platform does not know the final result yet (system error, bank timeout): keep
    /// polling, never drop.
    Pending,
    /// `4`: failed.
    Failed,
}

impl TrangThaiGd {
    /// Reads the wire code (`1`, `3`, `4`); 6103 naming TrangThaiGD otherwise.
    pub fn parse(code: &str) -> Result<Self, Error> {
        match code.trim() {
            "1" => Ok(Self::Success),
            "3" => Ok(Self::Pending),
            "4" => Ok(Self::Failed),
            other => {
                let shown = crate::text::shown(other, 8);
                Err(Error::new(
                    ErrorCode::PayField,
                    "TrangThaiGD",
                    format!("{shown} is not 1 (success), 3 (pending) or 4 (failed)"),
                ))
            }
        }
    }

    /// The payment-attempt state it leads to (`success`, `pending`, `failed`; see
    /// [`PAYMENT_ATTEMPT`](crate::status::PAYMENT_ATTEMPT)).
    pub fn attempt_state(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Pending => "pending",
            Self::Failed => "failed",
        }
    }
}

/// Reads a message from a JSON object: a missing field is 6101, a value of the wrong type 6103,
/// each naming the wire field.
pub(crate) fn from_map<T: DeserializeOwned>(m: &Map<String, Value>) -> Result<T, Error> {
    T::deserialize(Value::Object(m.clone())).map_err(|e| {
        let msg = e.to_string();
        let quoted = |s: &str| s.split('`').nth(1).map(str::to_string);
        match msg.strip_prefix("missing field ") {
            Some(rest) => Error::new(ErrorCode::PayMissingField, quoted(rest).unwrap_or_default(), "missing"),
            None => Error::new(ErrorCode::PayField, "message", crate::text::json_error(&e)),
        }
    })
}

fn to_map<T: Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => unreachable!("message models serialise to objects"),
    }
}

macro_rules! wire {
    ($($t:ty),*) => {$(
        impl $t {
            /// Reads the message from a JSON object (6101 missing, 6103 wrong type, naming the field).
            pub fn from_map(m: &Map<String, Value>) -> Result<Self, Error> {
                from_map(m)
            }
            /// The JSON object with the exact wire names.
            pub fn to_map(&self) -> Map<String, Value> {
                to_map(self)
            }
        }
    )*};
}
wire!(InitMessage, CallbackMessage, LookupMessage);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_and_errors() {
        let cb = serde_json::json!({"LoaiBanTin":"CALLBACK","MaLoi":"00","MaDoiTac":"TH","MaThamChieu":"dvc1",
            "SoTien":"50000","MaTienTe":"VND","MaGiaoDich":"G1","MaNganHang":"VCB","ThoiGianGD":"20261124153005",
            "ThongTinGiaoDich":"x","MaXacThuc":"ab"});
        let m = cb.as_object().unwrap();
        let c = CallbackMessage::from_map(m).unwrap();
        assert_eq!(
            (c.ma_giao_dich.as_str(), c.thoi_gian_gd.as_str()),
            ("G1", "20261124153005")
        );
        assert_eq!(&c.to_map(), m, "round trip with the exact wire names");
        let mut missing = m.clone();
        missing.remove("MaGiaoDich");
        let e = CallbackMessage::from_map(&missing).unwrap_err();
        assert_eq!((e.code, e.field.as_ref()), (ErrorCode::PayMissingField, "MaGiaoDich"));
        let mut typed = m.clone();
        typed.insert("SoTien".into(), Value::from(50000));
        assert_eq!(CallbackMessage::from_map(&typed).unwrap_err().code, ErrorCode::PayField);
        assert_eq!(TrangThaiGd::parse("3").unwrap().attempt_state(), "pending");
        assert_eq!(TrangThaiGd::parse("2").unwrap_err().field, "TrangThaiGD");
    }
}
