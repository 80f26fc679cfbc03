"""A pydantic v2 model of a DVCQG DongBoHoSoMC dossier record (HoSo), written the way a Python
integrator would, with the rule set of `core/src/sync/validate.rs` (default `SyncRules`,
today = 2026-11-24). It is the peer that `bench/sync_vs_pydantic.py` times against motcua.

Left out or different (see BENCHMARKS.md):
- envelopes (`{"service": ..., "data": [...]}`) and CapNhatTienDoHoSoMC progress records: the
  benchmark input is bare dossier records, one per line;
- `model_validator` checks (date order, status/date consistency) run only when every field is
  valid: pydantic skips "after" model validators once a field failed, so an invalid record is
  still invalid but may list fewer problems than motcua;
- error codes and JSON paths are pydantic's own, not motcua's 4000-4999 codes: the benchmark
  compares which records are valid, not the wording;
- SoGiayToChuHoSo without a declared kind is dispatched by length in characters (motcua: bytes),
  and year 0000 in a date is rejected (motcua accepts it): both only matter for odd input.
"""
import csv
import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator, model_validator

TODAY = date(2026, 11, 24)
DATA = Path(__file__).resolve().parents[1] / "core" / "data"


def _column(file: str, column: str) -> frozenset[str]:
    """One column of a bundled CSV table (lines starting with # are comments)."""
    with open(DATA / file, encoding="utf-8") as f:
        return frozenset(row[column] for row in csv.DictReader(line for line in f if not line.startswith("#")))


# CCCD birth-place prefixes: "0" + one of the 63 pre-2025 provinces, or an ISO 3166 numeric code.
CCCD_PREFIXES = _column("provinces_old63_to_new34.csv", "cccd_prefix") | _column("iso3166_numeric.csv", "numeric")

LEVEL1 = r"[A-Z][0-9]{2}"
FULL_AGENCY = rf"[0-9A-Z]{{3}}\.[0-9A-Z]{{2}}\.[0-9A-Z]{{2}}\.{LEVEL1}"
FULL_AGENCY_RE = re.compile(FULL_AGENCY)
SHORT_AGENCY_RE = re.compile(rf"{LEVEL1}(\.[0-9A-Z]{{1,3}})+")  # ministry adapters: G09.20
LEVEL1_RE = re.compile(LEVEL1)
DOSSIER_CODE = re.compile(r"([0-9A-Z.]{1,35})-([0-9]{6}|[0-9]{8})-([0-9]{4,10})")
PROCEDURE_CODE = re.compile(rf"[0-9]\.[0-9]{{6}}(\.({LEVEL1}|{FULL_AGENCY}))?")
DIGITS = re.compile(r"[0-9]+")
AMOUNT = re.compile(r"-?[0-9]+")
I64_MAX = 2**63 - 1

Text = StrictStr  # every DVCQG value is a JSON string; null and numbers are errors
Required = Annotated[StrictStr, Field(min_length=1)]
Bit = Literal["", "0", "1"]


def check_time(v: str) -> str:
    """`yyyyMMddHHmmss`, 24-hour; empty means absent. strptime alone would accept short fields."""
    if v:
        if len(v) != 14 or not DIGITS.fullmatch(v):
            raise ValueError("must be 14 digits yyyyMMddHHmmss")
        datetime.strptime(v, "%Y%m%d%H%M%S")  # ValueError for 30 February, hour 24, ...
    return v


def check_cccd(v: str) -> None:
    """12-digit personal ID: birth-place prefix, century/sex digit and a birth year not after TODAY."""
    if len(v) != 12 or not DIGITS.fullmatch(v):
        raise ValueError("personal ID must be 12 digits")
    if v[:3] not in CCCD_PREFIXES:
        raise ValueError("unknown birth-place prefix")
    if 1900 + 100 * (int(v[3]) // 2) + int(v[4:6]) > TODAY.year:
        raise ValueError("birth year is in the future")


def check_personal_id(v: str, kind: str | None) -> None:
    """By declared kind (1 = 12-digit ID, 2 = 9-digit CMND), else by length (12 or 9); other lengths pass."""
    if kind == "1" or (kind is None and len(v) == 12):
        check_cccd(v)
    elif kind == "2" and v == "000000001":  # integrators' placeholder for "no number"
        return
    elif (kind == "2" or (kind is None and len(v) == 9)) and not (len(v) == 9 and DIGITS.fullmatch(v)):
        raise ValueError("CMND must be 9 digits")


def check_amount(v: str) -> str:
    """Whole đồng as a string: digits, no separators, not negative, fits in i64."""
    if not AMOUNT.fullmatch(v) or not 0 <= int(v) <= I64_MAX:
        raise ValueError("must be a non-negative whole number of dong")
    return v


class Wire(BaseModel):
    """Wire record: exact DVCQG names, unknown fields ignored."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


class DinhDanhCHS(Wire):
    loai_dinh_danh: Literal["", "1", "2"] = Field("", alias="LoaiDinhDanh")
    so_dinh_danh: Text = Field("", alias="SoDinhDanh")

    @model_validator(mode="after")
    def number_matches_kind(self) -> "DinhDanhCHS":
        if self.loai_dinh_danh and self.so_dinh_danh:
            check_personal_id(self.so_dinh_danh, self.loai_dinh_danh)
        return self


class KetNoiCSDL(Wire):
    ma_csdl: Text = Field("", alias="MaCSDL")


class TaiLieuNop(Wire):
    tep_dinh_kem_id: Text = Field("", alias="TepDinhKemId")
    ten_tep_dinh_kem: Annotated[Text, Field(max_length=4000)] = Field("", alias="TenTepDinhKem")
    is_deleted: Bit = Field("", alias="IsDeleted")
    ma_thanh_phan_ho_so: Text = Field("", alias="MaThanhPhanHoSo")
    duong_dan_tai_tep_tin: Text = Field("", alias="DuongDanTaiTepTin")
    duoc_so_hoa: Bit = Field("", alias="DuocSoHoa")
    duoc_tai_su_dung: Literal["", "0", "1", "2"] = Field("", alias="DuocTaiSuDung")
    duoc_lay_tu_kho_dmqg: Bit = Field("", alias="DuocLayTuKhoDMQG")
    ma_ket_qua_thay_the: Text = Field("", alias="MaKetQuaThayThe")


class LePhi(Wire):
    ten_phi_le_phi: Text = Field("", alias="TenPhiLePhi")
    ma_phi_le_phi: Text = Field("", alias="MaPhiLePhi")
    hinh_thuc_thu: Text = Field("", alias="HinhThucThu")
    gia: Required = Field(alias="Gia")
    loai_phi_le_phi: Text = Field("", alias="LoaiPhiLePhi")

    _gia = field_validator("gia")(check_amount)


class TepDinhKemKhac(Wire):
    ten_giay_to: Annotated[Text, Field(max_length=2000)] = Field("", alias="TenGiayTo")
    so_luong: Text = Field("", alias="SoLuong")
    loai_giay_to: Text = Field("", alias="LoaiGiayTo")


class HoSoBoSung(Wire):
    ho_so_bo_sung_id: Text = Field("", alias="HoSoBoSungId")
    nguoi_yeu_cau_bo_sung: Text = Field("", alias="NguoiYeuCauBoSung")
    noi_dung_bo_sung: Text = Field("", alias="NoiDungBoSung")
    ngay_bo_sung: Text = Field("", alias="NgayBoSung")
    nguoi_tiep_nhan_bo_sung: Text = Field("", alias="NguoiTiepNhanBoSung")
    thong_tin_tiep_nhan: Text = Field("", alias="ThongTinTiepNhan")
    ngay_tiep_nhan_bo_sung: Text = Field("", alias="NgayTiepNhanBoSung")
    trang_thai_bo_sung: Text = Field("", alias="TrangThaiBoSung")
    danh_sach_giay_to_bo_sung: Any = Field(None, alias="DanhSachGiayToBoSung")  # free-form
    danh_sach_le_phi_bo_sung: list[LePhi] = Field([], alias="DanhSachLePhiBoSung")
    ngay_hen_tra_truoc: Text = Field("", alias="NgayHenTraTruoc")
    ngay_hen_tra_moi: Text = Field("", alias="NgayHenTraMoi")

    _times = field_validator("ngay_bo_sung", "ngay_tiep_nhan_bo_sung", "ngay_hen_tra_truoc", "ngay_hen_tra_moi")(check_time)

    @model_validator(mode="after")
    def received_after_request(self) -> "HoSoBoSung":
        # Valid yyyyMMddHHmmss strings sort like the times they denote.
        if self.ngay_bo_sung and self.ngay_tiep_nhan_bo_sung and self.ngay_tiep_nhan_bo_sung < self.ngay_bo_sung:
            raise ValueError("NgayTiepNhanBoSung is before NgayBoSung")
        return self


class GiayToKetQua(Wire):
    ten_giay_to: Annotated[Text, Field(max_length=2000)] = Field("", alias="TenGiayTo")
    ma_thanh_phan_ho_so: Text = Field("", alias="MaThanhPhanHoSo")
    giay_to_id: Text = Field("", alias="GiayToId")
    duong_dan_tep_tin_ket_qua: Text = Field("", alias="DuongDanTepTinKetQua")
    ma_giay_to_ket_qua: Text = Field("", alias="MaGiayToKetQua")


class HoSo(Wire):
    """DongBoHoSoMC dossier record."""

    ma_ho_so: Required = Field(alias="MaHoSo")
    ma_tthc: Required = Field(alias="MaTTHC")
    ten_tthc: Required = Field(alias="TenTTHC")
    ma_linh_vuc: Required = Field(alias="MaLinhVuc")
    ten_linh_vuc: Required = Field(alias="TenLinhVuc")
    kenh_thuc_hien: Literal["1", "2", "3"] = Field(alias="KenhThucHien")
    chu_ho_so: Text = Field("", alias="ChuHoSo")
    so_giay_to_chu_ho_so: Text = Field("", alias="SoGiayToChuHoSo")
    loai_doi_tuong: Literal["1", "2", "3", "4"] = Field(alias="LoaiDoiTuong")
    ma_doi_tuong: Text = Field("", alias="MaDoiTuong")
    thong_tin_khac: Text = Field("", alias="ThongTinKhac")
    email: Text = Field("", alias="Email")
    fax: Text = Field("", alias="Fax")
    so_dien_thoai: Text = Field("", alias="SoDienThoai")
    trich_yeu_ho_so: Annotated[Required, Field(max_length=1000)] = Field(alias="TrichYeuHoSo")
    ngay_nop_ho_so: Text = Field("", alias="NgayNopHoSo")
    ngay_tiep_nhan: Text = Field("", alias="NgayTiepNhan")
    ngay_hen_tra: Text = Field("", alias="NgayHenTra")
    trang_thai_ho_so: Required = Field(alias="TrangThaiHoSo")
    ngay_tra: Text = Field("", alias="NgayTra")
    thong_tin_tra: Text = Field("", alias="ThongTinTra")
    hinh_thuc: Literal["0", "1"] = Field(alias="HinhThuc")
    ngay_ket_thuc_xu_ly: Text = Field("", alias="NgayKetThucXuLy")
    ngay_tu_choi: Text = Field("", alias="NgayTuChoi")
    don_vi_xu_ly: Required = Field(alias="DonViXuLy")
    ghi_chu: Text = Field("", alias="GhiChu")
    noi_nop_ho_so: Text = Field("", alias="NoiNopHoSo")
    ho_so_co_thanh_phan_so_hoa: Bit = Field("", alias="HoSoCoThanhPhanSoHoa")
    tai_khoan_duoc_xac_thuc_voi_vneid: Bit = Field("", alias="TaiKhoanDuocXacThucVoiVNeID")
    duoc_thanh_toan_truc_tuyen: Literal["", "0", "1", "2", "3"] = Field("", alias="DuocThanhToanTrucTuyen")
    dinh_danh_chs: list[DinhDanhCHS] = Field([], alias="DinhDanhCHS")
    ds_ket_noi_csdl: list[KetNoiCSDL] = Field([], alias="DSKetNoiCSDL")
    tai_lieu_nop: list[TaiLieuNop] = Field([], alias="TaiLieuNop")
    danh_sach_le_phi: list[LePhi] = Field([], alias="DanhSachLePhi")
    danh_sach_tep_dinh_kem_khac: list[TepDinhKemKhac] = Field([], alias="DanhSachTepDinhKemKhac")
    danh_sach_ho_so_bo_sung: list[HoSoBoSung] = Field([], alias="DanhSachHoSoBoSung")
    danh_sach_giay_to_ket_qua: list[GiayToKetQua] = Field([], alias="DanhSachGiayToKetQua")

    _times = field_validator("ngay_nop_ho_so", "ngay_tiep_nhan", "ngay_hen_tra", "ngay_tra",
                             "ngay_ket_thuc_xu_ly", "ngay_tu_choi")(check_time)

    @field_validator("ma_ho_so")
    @classmethod
    def dossier_code(cls, v: str) -> str:
        """{agency}-{yyMMdd|yyyyMMdd}-{4-10 digit sequence}, with a real date."""
        m = DOSSIER_CODE.fullmatch(v)
        if not m:
            raise ValueError("not a dossier code {agency}-{yyMMdd}-{sequence}")
        groups = m[1].split(".")
        full_form = len(groups) == 4 and LEVEL1_RE.fullmatch(groups[3])  # then it must be ddd.dd.dd.Xnn
        if not (FULL_AGENCY_RE if full_form else SHORT_AGENCY_RE).fullmatch(m[1]):
            raise ValueError("agency part is not ddd.dd.dd.Xnn")
        d = m[2] if len(m[2]) == 8 else "20" + m[2]
        datetime.strptime(d, "%Y%m%d")
        return v

    @field_validator("ma_tthc")
    @classmethod
    def procedure_code(cls, v: str) -> str:
        if not PROCEDURE_CODE.fullmatch(v):
            raise ValueError("not a procedure code d.dddddd[.agency]")
        return v

    @field_validator("trang_thai_ho_so")
    @classmethod
    def status(cls, v: str) -> str:
        if not (DIGITS.fullmatch(v) and 1 <= int(v) <= 10):
            raise ValueError("not a status 1-10")
        return v

    @field_validator("so_giay_to_chu_ho_so")
    @classmethod
    def owner_id(cls, v: str) -> str:
        if v:
            check_personal_id(v, None)
        return v

    @model_validator(mode="after")
    def dates_and_status(self) -> "HoSo":
        problems: list[str] = []
        # Valid yyyyMMddHHmmss strings sort like the times they denote.
        chain = [("NgayNopHoSo", self.ngay_nop_ho_so), ("NgayTiepNhan", self.ngay_tiep_nhan),
                 ("NgayKetThucXuLy", self.ngay_ket_thuc_xu_ly), ("NgayTra", self.ngay_tra)]
        last: tuple[str, str] | None = None
        for name, t in chain:  # each date against the nearest earlier one present
            if t:
                if last and t < last[1]:
                    problems.append(f"{name} is before {last[0]}")
                last = (name, t)
        if self.ngay_tiep_nhan and self.ngay_hen_tra and self.ngay_hen_tra < self.ngay_tiep_nhan:
            problems.append("NgayHenTra is before NgayTiepNhan")
        if self.ngay_nop_ho_so and self.ngay_tu_choi and self.ngay_tu_choi < self.ngay_nop_ho_so:
            problems.append("NgayTuChoi is before NgayNopHoSo")

        st = int(self.trang_thai_ho_so)
        needs = {
            "NgayTiepNhan": st not in (1, 3) and not self.ngay_tiep_nhan,
            "NgayTra": st == 10 and not self.ngay_tra,
            "NgayKetThucXuLy": st == 9 and not self.ngay_ket_thuc_xu_ly,
            "NgayTuChoi": st == 3 and not self.ngay_tu_choi,
            "GhiChu": st == 3 and not self.ghi_chu,
        }
        problems += [f"status {st} needs {name}" for name, missing in needs.items() if missing]
        if st != 10 and self.ngay_tra:
            problems.append(f"status {st} must not carry NgayTra")
        if st != 3 and self.ngay_tu_choi:
            problems.append(f"status {st} must not carry NgayTuChoi")
        if problems:
            raise ValueError("; ".join(problems))
        return self
