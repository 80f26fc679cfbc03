//! Reference tables bundled from `core/data/*.csv` (see each file's header for its source).
//! Generated into sorted static arrays by `build.rs`; lookups are binary searches.

/// A province-level unit from 1 July 2025 (đơn vị hành chính cấp tỉnh), 34 in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Province {
    /// 2-digit statistics code (mã tỉnh), e.g. `38`.
    pub code: &'static str,
    /// Official name, e.g. `Tỉnh Thanh Hóa`.
    pub name: &'static str,
}

/// A pre-2025 province (one of the 63) and the province it merged into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OldProvince {
    /// Old 2-digit code.
    pub code: &'static str,
    /// Old name.
    pub name: &'static str,
    /// 3-digit CCCD birth-place prefix (`0` + old code).
    pub cccd_prefix: &'static str,
    /// Code of the 2025 province it belongs to now.
    pub successor: &'static str,
}

/// A commune-level unit (xã / phường / đặc khu) from 1 July 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Commune {
    /// 5-digit code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// 2-digit province code.
    pub province: &'static str,
}

/// A bank in the NAPAS VietQR directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bank {
    /// 6-digit NAPAS BIN.
    pub bin: &'static str,
    /// Short bank code (VCB, BID ...).
    pub code: &'static str,
    /// Short name.
    pub short_name: &'static str,
    /// Full Vietnamese name.
    pub name: &'static str,
    /// SWIFT/BIC, empty when unknown.
    pub swift: &'static str,
    /// An old name kept for lookups of the same BIN.
    pub deprecated: bool,
}

/// A level-1 group of the agency electronic identifier (mã cấp 1): G.., H.., K...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Level1 {
    /// e.g. `G09`, `H56`.
    pub code: &'static str,
    /// Agency name.
    pub agency: &'static str,
    /// Status note from the source.
    pub status: &'static str,
}

/// An ISO 3166-1 country (CCCD prefix for births registered abroad).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// 3-digit numeric code.
    pub numeric: &'static str,
    /// Alpha-2 code.
    pub alpha2: &'static str,
    /// English short name.
    pub name: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

/// Version of a commune table (bảng mã xã). The two bundled 2025 sources disagree (see the test below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum CommuneTable {
    /// Công văn 1027/CTK-CSCL (June 2025) as transcribed by dvhcvn — the default (official transcription).
    #[default]
    Cv1027,
    /// The table shipped by the PyPI package vietnamadminunits / vietnam-provinces 2025.10.
    Package202510,
}

impl CommuneTable {
    /// All versions.
    pub const ALL: [CommuneTable; 2] = [CommuneTable::Cv1027, CommuneTable::Package202510];
    /// Stable name used by the CLI and bindings.
    pub fn name(self) -> &'static str {
        match self {
            CommuneTable::Cv1027 => "cv1027-2025",
            CommuneTable::Package202510 => "pkg-2025.10",
        }
    }
    /// Parses a stable name.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == s)
    }
    /// The rows of this version, sorted by code.
    pub fn rows(self) -> &'static [Commune] {
        match self {
            CommuneTable::Cv1027 => COMMUNES_CV1027,
            CommuneTable::Package202510 => COMMUNES_PKG,
        }
    }
}

fn by<'a, T>(rows: &'a [T], key: &str, f: impl Fn(&T) -> &str) -> Option<&'a T> {
    rows.binary_search_by(|r| f(r).cmp(key)).ok().map(|i| &rows[i])
}

/// Current province by 2-digit code.
pub fn province(code: &str) -> Option<&'static Province> {
    by(PROVINCES, code, |p| p.code)
}
/// Pre-2025 province by old 2-digit code.
pub fn old_province(code: &str) -> Option<&'static OldProvince> {
    by(OLD_PROVINCES, code, |p| p.code)
}
/// Commune by 5-digit code in the given table version.
pub fn commune(table: CommuneTable, code: &str) -> Option<&'static Commune> {
    by(table.rows(), code, |c| c.code)
}
/// New commune codes an old (pre-2025) commune code was merged into (CV 1027 mapping).
pub fn old_commune_successors(code: &str) -> Vec<&'static str> {
    let start = OLD_COMMUNES_CV1027.partition_point(|(o, _)| *o < code);
    OLD_COMMUNES_CV1027[start..]
        .iter()
        .take_while(|(o, _)| *o == code)
        .map(|(_, n)| *n)
        .collect()
}
/// Current bank by NAPAS BIN (a deprecated alias is returned only if no current entry exists).
pub fn bank(bin: &str) -> Option<&'static Bank> {
    let start = BANKS.partition_point(|b| b.bin < bin);
    BANKS.get(start).filter(|b| b.bin == bin)
}
/// Level-1 agency code.
pub fn level1(code: &str) -> Option<&'static Level1> {
    by(LEVEL1_CODES, code, |l| l.code)
}
/// Country by ISO numeric code.
pub fn country(numeric: &str) -> Option<&'static Country> {
    by(COUNTRIES, numeric, |c| c.numeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete_and_sorted() {
        assert_eq!(PROVINCES.len(), 34);
        assert_eq!(OLD_PROVINCES.len(), 63);
        assert_eq!(COMMUNES_CV1027.len(), 3321);
        assert_eq!(COMMUNES_PKG.len(), 3321);
        for t in CommuneTable::ALL {
            assert!(
                t.rows().windows(2).all(|w| w[0].code < w[1].code),
                "{t:?} sorted and unique"
            );
        }
        for o in OLD_PROVINCES {
            assert!(province(o.successor).is_some(), "successor of {} exists", o.code);
            assert_eq!(o.cccd_prefix, format!("0{}", o.code));
        }
    }

    /// The brief reports 113 differing codes between the two 2025 sources; the files actually
    /// shipped differ on one commune only (Xã Ia Mơ, Gia Lai: 23737 vs 23938). Both are kept.
    #[test]
    fn the_two_commune_versions_differ_where_the_sources_differ() {
        let only = |a: CommuneTable, b: CommuneTable| -> Vec<&str> {
            a.rows()
                .iter()
                .filter(|c| commune(b, c.code).is_none())
                .map(|c| c.code)
                .collect()
        };
        assert_eq!(only(CommuneTable::Cv1027, CommuneTable::Package202510), ["23737"]);
        assert_eq!(only(CommuneTable::Package202510, CommuneTable::Cv1027), ["23938"]);
        assert_eq!(commune(CommuneTable::Cv1027, "23737").unwrap().name, "Xã Ia Mơ");
        assert_eq!(commune(CommuneTable::Package202510, "23938").unwrap().name, "Xã Ia Mơ");
        assert_eq!(commune(CommuneTable::Cv1027, "00082").unwrap().name, "Phường Cửa Nam");
    }

    #[test]
    fn banks_prefer_current_names() {
        assert_eq!(bank("970449").unwrap().short_name, "LPBank");
        assert_eq!(bank("970436").unwrap().code, "VCB");
        assert!(bank("123456").is_none());
    }
}
