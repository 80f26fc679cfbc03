//! The procedure catalogue (danh mục thủ tục hành chính): one [`Procedure`] per row.
//!
//! Optional columns are `Option`: `None` means the source does not declare the column at all (the
//! checks that need it are skipped and listed as not checked); `Some("")` means it is declared and
//! empty (a problem where the field is required).
use super::normalize::normalize;
use serde::Serialize;

/// A procedure (thủ tục hành chính) as published in a catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Procedure {
    /// Mã thủ tục: national `d.dddddd`, or a local variant with an agency suffix.
    pub code: String,
    /// Tên thủ tục.
    pub name: String,
    /// Cấp thực hiện as written (`Cấp bộ, Cấp tỉnh`); see [`Level::parse_list`].
    pub levels: String,
    /// Lĩnh vực.
    pub field: String,
    /// Cơ quan thực hiện (competent agency, the processing unit); `None` when not declared.
    pub agency: Option<String>,
    /// Cơ quan tiếp nhận (receiving unit).
    pub receiving_unit: Option<String>,
    /// Địa bàn: a current province (2 digits) or commune (5 digits) code.
    pub locality: Option<String>,
    /// Mức độ dịch vụ công trực tuyến as written (`toàn trình`, `một phần`, `4`, `3`, empty = offline).
    pub service_level: Option<String>,
    /// Mã dịch vụ công.
    pub service_codes: Vec<String>,
    /// Phí, lệ phí.
    pub fees: Option<Vec<Fee>>,
    /// Biểu mẫu (forms, by name or code).
    pub forms: Vec<String>,
    /// Biểu mẫu điện tử (e-form code or address); empty = none.
    pub eform: Option<String>,
    /// Thành phần hồ sơ (dossier components).
    pub components: Vec<String>,
    /// Thời hạn giải quyết as written (`15 ngày làm việc`).
    pub processing_time: Option<String>,
    /// Line (CSV, header = 1) or position (JSON array, first = 1) in the source.
    pub line: u64,
}

/// A fee of a procedure (phí hoặc lệ phí).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Fee {
    /// Mã phí / lệ phí (opaque: no national grammar is known).
    pub code: String,
    /// Loại: `phi` or `le_phi` (Vietnamese spellings accepted); see [`FeeKind::parse`].
    pub kind: String,
    /// Số tiền in đồng, as written.
    pub amount: String,
    /// Tài khoản thụ hưởng (beneficiary account).
    pub beneficiary_account: String,
    /// Tài khoản kho bạc (treasury account), when the fee goes to the state budget.
    pub treasury_account: String,
}

/// Phí (a fee for a service) or lệ phí (a charge for a state act).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Phí.
    Phi,
    /// Lệ phí.
    LePhi,
}

impl FeeKind {
    /// `phi`, `Phí` → Phi; `le_phi`, `lệ phí`, `Lệ phí` → LePhi.
    pub fn parse(s: &str) -> Option<Self> {
        match normalize(s).as_str() {
            "phi" => Some(Self::Phi),
            "le phi" => Some(Self::LePhi),
            _ => None,
        }
    }
}

/// Cấp thực hiện. There is no district level since 1 July 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Cấp bộ (central: ministries and national bodies).
    Bo,
    /// Cấp tỉnh.
    Tinh,
    /// Cấp xã.
    Xa,
    /// Cơ quan khác (other bodies: courts, banks, public service units...).
    Khac,
    /// Cấp huyện: abolished on 1 July 2025, kept so old catalogues can be reported.
    Huyen,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 5] = [Self::Bo, Self::Tinh, Self::Xa, Self::Khac, Self::Huyen];

    /// Stable name: `bo`, `tinh`, `xa`, `khac`, `huyen`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bo => "bo",
            Self::Tinh => "tinh",
            Self::Xa => "xa",
            Self::Khac => "khac",
            Self::Huyen => "huyen",
        }
    }

    /// One level: `Cấp bộ`, `cấp Tỉnh`, `xa`, `Cơ quan khác`, `Cấp huyện`, `trung ương` ...
    /// (compared in the search spelling, where `y` is `i`: huyện → `huien`).
    pub fn parse(s: &str) -> Option<Self> {
        let n = normalize(s);
        let n = n.strip_prefix("cap ").unwrap_or(&n);
        match n {
            "bo" | "trung uong" => Some(Self::Bo),
            "tinh" => Some(Self::Tinh),
            "xa" => Some(Self::Xa),
            "khac" | "co quan khac" => Some(Self::Khac),
            "huien" => Some(Self::Huyen),
            _ => None,
        }
    }

    /// A comma- or semicolon-separated list: the levels, and the parts that are no level.
    pub fn parse_list(s: &str) -> (Vec<Level>, Vec<String>) {
        let mut levels = Vec::new();
        let mut unknown = Vec::new();
        for part in s.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            match Self::parse(part) {
                Some(l) if !levels.contains(&l) => levels.push(l),
                Some(_) => {}
                None => unknown.push(part.to_string()),
            }
        }
        (levels, unknown)
    }
}

/// Mức độ dịch vụ công trực tuyến under NĐ 42/2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceLevel {
    /// Toàn trình (fully online; level 4 in older catalogues).
    ToanTrinh,
    /// Một phần (partly online; level 3).
    MotPhan,
}

impl ServiceLevel {
    /// `toàn trình`, `toan_trinh`, `4` → ToanTrinh; `một phần`, `mot_phan`, `3` → MotPhan;
    /// `Ok(None)` for an empty value (not online); `Err(())` for anything else.
    #[allow(clippy::result_unit_err)]
    pub fn parse(s: &str) -> Result<Option<Self>, ()> {
        match normalize(s).as_str() {
            "" => Ok(None),
            "toan trinh" | "4" | "muc do 4" => Ok(Some(Self::ToanTrinh)),
            "mot phan" | "3" | "muc do 3" => Ok(Some(Self::MotPhan)),
            _ => Err(()),
        }
    }
}

/// Unit of a processing time (đơn vị thời hạn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Ngày làm việc.
    WorkingDays,
    /// Ngày (calendar days).
    CalendarDays,
    /// Giờ làm việc.
    WorkingHours,
    /// Giờ.
    Hours,
    /// Tháng.
    Months,
}

/// A processing time (thời hạn giải quyết) read from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProcessingTime {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: TimeUnit,
}

impl ProcessingTime {
    /// Reads `15 ngày làm việc`, `Không quá 03 ngày`, `24 giờ`, `Trong ngày` (= 1 working day),
    /// `02 tháng`: the first number and the unit right after it (compared in the search spelling,
    /// where `y` is `i`: ngày → `ngai`).
    pub fn parse(s: &str) -> Option<Self> {
        let n = normalize(s);
        let words: Vec<&str> = n.split(' ').collect();
        if words.windows(2).any(|w| w == ["trong", "ngai"]) && !words.iter().any(|w| w.parse::<u32>().is_ok()) {
            return Some(Self {
                amount: 1,
                unit: TimeUnit::WorkingDays,
            });
        }
        let i = words.iter().position(|w| w.parse::<u32>().is_ok())?;
        let amount: u32 = words[i].parse().ok()?;
        let rest = &words[i + 1..];
        let working = rest.len() >= 3 && rest[1] == "lam" && rest[2] == "viec";
        let unit = match (rest.first().copied()?, working) {
            ("ngai", true) => TimeUnit::WorkingDays,
            ("ngai", false) => TimeUnit::CalendarDays,
            ("gio", true) => TimeUnit::WorkingHours,
            ("gio", false) => TimeUnit::Hours,
            ("thang", _) => TimeUnit::Months,
            _ => return None,
        };
        (amount > 0).then_some(Self { amount, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_every_spelling() {
        let (l, bad) = Level::parse_list("Cấp Bộ, cấp tỉnh; Cấp Xã, Cơ quan khác, Cấp huyện, Cấp ấp");
        assert_eq!(l, [Level::Bo, Level::Tinh, Level::Xa, Level::Khac, Level::Huyen]);
        assert_eq!(bad, ["Cấp ấp"]);
    }

    #[test]
    fn processing_times() {
        let p = |s| ProcessingTime::parse(s).map(|p| (p.amount, p.unit));
        assert_eq!(p("15 ngày làm việc"), Some((15, TimeUnit::WorkingDays)));
        assert_eq!(
            p("Không quá 03 ngày kể từ ngày nhận đủ hồ sơ"),
            Some((3, TimeUnit::CalendarDays))
        );
        assert_eq!(p("24 giờ"), Some((24, TimeUnit::Hours)));
        assert_eq!(p("08 giờ làm việc"), Some((8, TimeUnit::WorkingHours)));
        assert_eq!(p("02 tháng"), Some((2, TimeUnit::Months)));
        assert_eq!(p("Trong ngày"), Some((1, TimeUnit::WorkingDays)));
        assert_eq!(p("nhanh"), None);
        assert_eq!(p("15"), None);
        assert_eq!(p("0 ngày"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn service_levels_and_fee_kinds() {
        assert_eq!(ServiceLevel::parse("Toàn trình"), Ok(Some(ServiceLevel::ToanTrinh)));
        assert_eq!(ServiceLevel::parse("mot_phan"), Ok(Some(ServiceLevel::MotPhan)));
        assert_eq!(ServiceLevel::parse(" "), Ok(None));
        assert_eq!(ServiceLevel::parse("2"), Err(()));
        assert_eq!(FeeKind::parse("Lệ phí"), Some(FeeKind::LePhi));
        assert_eq!(FeeKind::parse("phi"), Some(FeeKind::Phi));
        assert_eq!(FeeKind::parse("thuế"), None);
    }
}
