#!/usr/bin/env python3
"""Deterministic generator of a synthetic "day of DVCQG sync payloads".

Writes JSON Lines: one DongBoHoSoMC dossier record (HoSo) per line, every value a JSON string,
dates `yyyyMMddHHmmss` (Asia/Ho_Chi_Minh, 24-hour). A configurable share of the records carries
exactly one injected defect of a known kind (see DEFECTS); `--labels` writes that ground truth.

All people, numbers and addresses are invented. Personal ID numbers are *structurally* valid
(birth-place prefix, century digit, birth year) but random; tax codes carry a correct check digit.

    python3 bench/gen_sync.py --records 1000 --invalid-share 0.05 --seed 20250715 \
        --day 2025-07-15 --out examples/sync-2025-07-15.jsonl

Python standard library only.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TextIO

Record = dict[str, Any]

# The 63 pre-2025 province codes; a CCCD birth-place prefix is "0" + one of them.
OLD_PROVINCE_CODES = (
    "01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 "
    "48 49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96"
).split()

# Processing units: (agency electronic id, unit name). Level-1 groups H56 Thanh Hóa, H29 TP HCM,
# H49 Quảng Ninh, H57 Huế (the codes confirmed in core/data/agency_level1_codes.csv).
AGENCIES: tuple[tuple[str, str], ...] = (
    ("000.00.00.H56", "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa"),
    ("000.00.06.H56", "Sở Tư pháp tỉnh Thanh Hóa"),
    ("000.00.12.H56", "Sở Xây dựng tỉnh Thanh Hóa"),
    ("000.00.15.H56", "Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa"),
    ("000.17.22.H56", "UBND phường Hạc Thành"),
    ("000.21.22.H56", "UBND phường Quảng Phú"),
    ("000.05.31.H56", "UBND xã Hoằng Hóa"),
    ("000.00.00.H29", "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh"),
    ("000.00.15.H29", "Sở Tư pháp Thành phố Hồ Chí Minh"),
    ("000.05.23.H29", "UBND phường Sài Gòn"),
    ("000.11.23.H29", "UBND phường Bến Thành"),
    ("000.00.00.H49", "Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh"),
    ("000.08.19.H49", "UBND phường Hạ Long"),
    ("000.00.00.H57", "Trung tâm Phục vụ hành chính công thành phố Huế"),
    ("000.02.04.H57", "UBND phường Thuận Hóa"),
)


@dataclass(frozen=True)
class Procedure:
    """A procedure (thủ tục hành chính) of the catalogue, with its field and typical handling."""

    code: str
    name: str
    field_code: str
    field_name: str
    days: int  # statutory processing time, calendar days (0 = same day)
    fees: tuple[tuple[str, int, str], ...]  # (name, amount in đồng, LoaiPhiLePhi: 1 phí, 2 lệ phí)
    papers: tuple[str, ...]  # submitted papers (thành phần hồ sơ)
    result: str  # result paper (giấy tờ kết quả)
    summary: str  # TrichYeuHoSo template; {ten} is the applicant


# Names follow the national catalogue; the codes are in the catalogue's format but are
# illustrative, not checked against CSDL TTHC.
PROCEDURES: tuple[Procedure, ...] = (
    Procedure("1.001193", "Đăng ký khai sinh", "LV-HOTICH", "Hộ tịch", 0, (("Lệ phí đăng ký khai sinh", 0, "2"),),
              ("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"), "Giấy khai sinh (bản chính)", "Đăng ký khai sinh cho con của {ten}"),
    Procedure("1.000894", "Đăng ký kết hôn", "LV-HOTICH", "Hộ tịch", 3, (("Lệ phí đăng ký kết hôn", 0, "2"),),
              ("Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân"), "Giấy chứng nhận kết hôn", "{ten} đăng ký kết hôn"),
    Procedure("1.000656", "Đăng ký khai tử", "LV-HOTICH", "Hộ tịch", 1, (),
              ("Tờ khai đăng ký khai tử", "Giấy báo tử"), "Trích lục khai tử", "{ten} đăng ký khai tử cho người thân"),
    Procedure("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "LV-HOTICH", "Hộ tịch", 3,
              (("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 15000, "2"),),
              ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",), "Giấy xác nhận tình trạng hôn nhân",
              "Xác nhận tình trạng hôn nhân cho {ten}"),
    Procedure("2.000635", "Cấp bản sao Trích lục hộ tịch", "LV-HOTICH", "Hộ tịch", 0, (("Phí cấp bản sao trích lục", 8000, "1"),),
              ("Tờ khai cấp bản sao trích lục hộ tịch",), "Bản sao trích lục hộ tịch", "{ten} xin cấp bản sao trích lục hộ tịch"),
    Procedure("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "LV-CHUNGTHUC", "Chứng thực", 0,
              (("Phí chứng thực bản sao từ bản chính", 2000, "1"),), ("Bản chính giấy tờ cần chứng thực",),
              "Bản sao có chứng thực", "Chứng thực bản sao giấy tờ cho {ten}"),
    Procedure("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "LV-CHUNGTHUC", "Chứng thực", 0,
              (("Phí chứng thực chữ ký", 10000, "1"),), ("Giấy tờ cần chứng thực chữ ký",), "Văn bản đã chứng thực chữ ký",
              "Chứng thực chữ ký của {ten}"),
    Procedure("1.004227", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
              "LV-LLTP", "Lý lịch tư pháp", 10, (("Phí cung cấp thông tin lý lịch tư pháp", 200000, "1"),),
              ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Bản chụp căn cước"), "Phiếu lý lịch tư pháp số 1",
              "{ten} đề nghị cấp Phiếu lý lịch tư pháp số 1"),
    Procedure("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "LV-XAYDUNG", "Hoạt động xây dựng", 15,
              (("Lệ phí cấp giấy phép xây dựng", 75000, "2"),),
              ("Đơn đề nghị cấp giấy phép xây dựng", "Giấy chứng nhận quyền sử dụng đất", "Bản vẽ thiết kế xây dựng"),
              "Giấy phép xây dựng", "{ten} xin cấp giấy phép xây dựng nhà ở riêng lẻ"),
    Procedure("1.012760", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "LV-DATDAI", "Đất đai", 10,
              (("Lệ phí cấp Giấy chứng nhận", 50000, "2"), ("Phí thẩm định hồ sơ", 300000, "1")),
              ("Đơn đăng ký biến động đất đai", "Giấy chứng nhận đã cấp", "Hợp đồng chuyển nhượng"),
              "Giấy chứng nhận quyền sử dụng đất", "{ten} đăng ký biến động quyền sử dụng đất"),
    Procedure("2.000720", "Đăng ký thành lập hộ kinh doanh", "LV-HKD", "Thành lập và hoạt động của hộ kinh doanh", 3,
              (("Lệ phí đăng ký hộ kinh doanh", 100000, "2"),), ("Giấy đề nghị đăng ký hộ kinh doanh",),
              "Giấy chứng nhận đăng ký hộ kinh doanh", "{ten} đăng ký thành lập hộ kinh doanh"),
    Procedure("1.001621", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "LV-ATTP", "An toàn thực phẩm", 15,
              (("Phí thẩm định cơ sở", 700000, "1"),),
              ("Đơn đề nghị cấp Giấy chứng nhận", "Bản thuyết minh cơ sở vật chất", "Giấy xác nhận đủ sức khỏe"),
              "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Cấp Giấy chứng nhận an toàn thực phẩm cho cơ sở của {ten}"),
    Procedure("1.001978", "Giải quyết hưởng trợ cấp thất nghiệp", "LV-VIECLAM", "Việc làm", 20, (),
              ("Đề nghị hưởng trợ cấp thất nghiệp", "Quyết định thôi việc", "Sổ bảo hiểm xã hội"),
              "Quyết định hưởng trợ cấp thất nghiệp", "{ten} đề nghị hưởng trợ cấp thất nghiệp"),
    Procedure("1.001776", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "LV-BTXH", "Bảo trợ xã hội", 3, (),
              ("Tờ khai đề nghị hỗ trợ chi phí mai táng", "Giấy chứng tử"), "Quyết định hỗ trợ chi phí mai táng",
              "{ten} đề nghị hỗ trợ chi phí mai táng"),
)

HO = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Vũ Võ Phan Trương Bùi Đặng Đỗ Ngô Hồ Dương Lý Đinh Mai Trịnh".split()
DEM_NAM = "Văn Hữu Đức Minh Quang Công Thành Xuân Đình Ngọc".split()
DEM_NU = "Thị Ngọc Thu Thanh Minh Phương Kim Hồng Bảo Diệu".split()
TEN_NAM = "An Bình Cường Dũng Hải Hiếu Hùng Khang Khoa Long Nam Phúc Quân Sơn Tâm Thắng Toàn Trung Tuấn Việt".split()
TEN_NU = "Anh Chi Dung Hà Hạnh Hoa Hương Lan Linh Mai My Ngân Nhung Oanh Phượng Quyên Thảo Trang Uyên Yến".split()
COMPANY = ("Công ty TNHH Thương mại Dịch vụ {x}", "Công ty Cổ phần Xây dựng {x}", "Công ty TNHH {x}", "Hợp tác xã Nông nghiệp {x}")
COMPANY_X = "Hưng Thịnh,Phú Gia,An Khang,Sông Mã,Bạch Đằng,Hạ Long Xanh,Đại Việt,Minh Phát,Thành Công,Bến Nghé".split(",")
STAFF = "Lê Thị Hoa,Nguyễn Văn Hùng,Trần Minh Tâm,Phạm Thu Trang,Hoàng Đức Long,Đỗ Thị Lan,Vũ Quang Huy".split(",")
REFUSAL = ("Hồ sơ không thuộc thẩm quyền giải quyết", "Thành phần hồ sơ không đầy đủ theo quy định",
           "Thông tin trên tờ khai không khớp với giấy tờ tùy thân", "Trùng hồ sơ đã nộp trước đó")
STOP = ("Dừng xử lý theo đề nghị của cơ quan thanh tra", "Có tranh chấp đang được Tòa án thụ lý")
WITHDRAW = "Công dân đề nghị rút hồ sơ"
SUPPLEMENT = ("Bổ sung bản sao giấy tờ tùy thân", "Bổ sung bản vẽ hiện trạng", "Bổ sung xác nhận của UBND cấp xã")

# Status (TrangThaiHoSo) weights for a day of sync traffic: mostly new receptions and results.
STATUS_WEIGHTS = {1: 8, 2: 15, 3: 3, 4: 20, 5: 5, 6: 3, 7: 2, 8: 1, 9: 13, 10: 30}

DEFECTS = ("bad_date", "date_order", "status_inconsistent", "negative_fee", "enum_out_of_range",
           "not_string", "too_long", "bad_ma_ho_so_date", "missing_required", "bad_cccd")


def t14(t: datetime) -> str:
    """DVCQG wire time, 24-hour."""
    return t.strftime("%Y%m%d%H%M%S")


class Gen:
    """Record factory; all randomness comes from one seeded `random.Random`."""

    def __init__(self, seed: int, day: date) -> None:
        self.r = random.Random(seed)
        self.day = day
        self.sequence: dict[tuple[str, date], int] = {}
        self.file_id = 0

    # ---- small helpers ----
    def office_time(self, d: date) -> datetime:
        """A time during office hours (07:30-11:30, 13:30-17:00) on day d."""
        r = self.r
        minutes = r.choice((r.randint(7 * 60 + 30, 11 * 60 + 30), r.randint(13 * 60 + 30, 17 * 60)))
        return datetime.combine(d, time(minutes // 60, minutes % 60, r.randint(0, 59)))

    def any_time(self, d: date) -> datetime:
        return datetime.combine(d, time(self.r.randint(0, 23), self.r.randint(0, 59), self.r.randint(0, 59)))

    def after(self, t: datetime, lo_min: int, hi_min: int) -> datetime:
        return t + timedelta(minutes=self.r.randint(lo_min, hi_min), seconds=self.r.randint(0, 59))

    def person(self) -> tuple[str, bool]:
        r = self.r
        female = r.random() < 0.5
        dem, ten = (DEM_NU, TEN_NU) if female else (DEM_NAM, TEN_NAM)
        return f"{r.choice(HO)} {r.choice(dem)} {r.choice(ten)}", female

    def cccd(self, female: bool) -> str:
        """12 digits: 0 + old province code, century/sex digit, 2 year digits, 6 random digits."""
        r = self.r
        year = r.randint(1945, 2007)
        century = (year - 1900) // 100 * 2 + (1 if female else 0)
        return f"0{r.choice(OLD_PROVINCE_CODES)}{century}{year % 100:02d}{r.randint(0, 999999):06d}"

    def tax_code(self) -> str:
        """10-digit enterprise tax code with its weighted check digit."""
        weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
        while True:
            first = f"0{self.r.randint(100000000, 999999999)}"[:9]
            s = sum(int(d) * w for d, w in zip(first, weights))
            if s % 11:
                return first + str(10 - s % 11)

    def dossier_code(self, agency: str, d: date) -> str:
        key = (agency, d)
        n = self.sequence.get(key) or self.r.randint(1, 400)
        self.sequence[key] = n + 1
        return f"{agency}-{d:%y%m%d}-{n:04d}"

    def url(self, ext: str = "pdf") -> str:
        self.file_id += 1
        return f"https://example.invalid/dvc/files/{self.day:%Y/%m}/{self.file_id:07d}.{ext}"

    # ---- a valid record ----
    def record(self, status: int | None = None) -> Record:
        r = self.r
        day = self.day
        st = status or r.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        proc = r.choice(PROCEDURES)
        agency, unit = r.choice(AGENCIES)
        kenh = r.choices(("1", "2", "3"), weights=(45, 50, 5))[0]
        if st in (1, 3):
            kenh = "2"  # waiting for, or refused at, reception: online submissions
        business = proc.field_code in ("LV-ATTP", "LV-HKD", "LV-XAYDUNG") and r.random() < 0.5
        loai = "2" if business else r.choices(("1", "3", "4"), weights=(96, 2, 2))[0]
        owner, female = self.person()
        cccd = self.cccd(female)

        # Timeline, ending today with the event that moved the dossier to its status.
        span = max(proc.days, 1)
        tiep_nhan = hen_tra = ket_thuc = tra = tu_choi = None
        if st == 1:
            nop = self.any_time(day)
        elif st == 3:
            nop = self.any_time(day - timedelta(days=r.randint(1, 3)))
            tu_choi = self.office_time(day)
        else:
            if st == 2 and kenh == "2":
                nop = self.any_time(day - timedelta(days=r.randint(1, 2)))
                tiep_nhan = self.office_time(day)
            else:
                nop = self.office_time(day - timedelta(days=0 if st == 2 else r.randint(1, span + 5)))
                tiep_nhan = self.after(nop, 0, 15) if kenh != "2" else self.after(nop, 30, 600)
            hen_tra = (datetime.combine(tiep_nhan.date() + timedelta(days=proc.days), time(17, 0))
                       if proc.days else self.after(tiep_nhan, 60, 240))
            if st == 9:
                ket_thuc = max(self.office_time(day), tiep_nhan)
            elif st == 10:
                tra = max(self.office_time(day), tiep_nhan)
                ket_thuc = tiep_nhan + (tra - tiep_nhan) * r.uniform(0.3, 0.95)
                ket_thuc = ket_thuc.replace(microsecond=0)
        code_date = (tiep_nhan or nop).date()

        ghi_chu = ""
        if st == 3:
            ghi_chu = r.choice(REFUSAL)
        elif st == 7:
            ghi_chu = WITHDRAW
        elif st == 8:
            ghi_chu = r.choice(STOP)

        ma_tthc = proc.code
        if r.random() < 0.12:  # local variant of the national procedure
            ma_tthc = f"{proc.code}.{agency[-3:]}" if r.random() < 0.8 else f"{proc.code}.{agency}"

        dinh_danh: list[Record]
        if business:
            so_giay_to = self.tax_code()
            dinh_danh = [{"LoaiDinhDanh": "1", "SoDinhDanh": self.cccd(r.random() < 0.5)}]
            owner = r.choice(COMPANY).format(x=r.choice(COMPANY_X))
        elif r.random() < 0.06:  # an old 9-digit CMND still on file
            so_giay_to = f"{r.randint(10000000, 399999999):09d}"
            dinh_danh = [{"LoaiDinhDanh": "2", "SoDinhDanh": so_giay_to}]
        elif r.random() < 0.03:  # integrator placeholder for "no number"
            so_giay_to = ""
            dinh_danh = [{"LoaiDinhDanh": "2", "SoDinhDanh": "000000001"}]
        else:
            so_giay_to = cccd
            dinh_danh = [{"LoaiDinhDanh": "1", "SoDinhDanh": cccd}]

        fees = [{"TenPhiLePhi": name, "MaPhiLePhi": f"{proc.field_code}-{i + 1}", "HinhThucThu": r.choice(("1", "2")),
                 "Gia": str(amount), "LoaiPhiLePhi": kind}
                for i, (name, amount, kind) in enumerate(proc.fees)]
        papers = [{"TepDinhKemId": str(self.file_id + 1), "TenTepDinhKem": f"{p}.pdf", "IsDeleted": "0",
                   "MaThanhPhanHoSo": f"TP{i + 1:02d}", "DuongDanTaiTepTin": self.url(),
                   "DuocSoHoa": r.choice(("0", "1")), "DuocTaiSuDung": r.choices(("0", "1", "2"), weights=(80, 15, 5))[0],
                   "DuocLayTuKhoDMQG": r.choices(("0", "1"), weights=(85, 15))[0], "MaKetQuaThayThe": ""}
                  for i, p in enumerate(proc.papers)]
        results = [{"TenGiayTo": proc.result, "MaThanhPhanHoSo": "KQ01", "GiayToId": str(r.randint(10**6, 10**7)),
                    "DuongDanTepTinKetQua": self.url(), "MaGiayToKetQua": f"KQ-{code_date:%Y%m%d}-{r.randint(1, 9999):04d}"}
                   ] if st in (9, 10) else []
        supplements: list[Record] = []
        if st == 5 and tiep_nhan is not None:
            asked = max(self.office_time(day), tiep_nhan)
            supplements = [{"HoSoBoSungId": str(r.randint(10**5, 10**6)), "NguoiYeuCauBoSung": r.choice(STAFF),
                            "NoiDungBoSung": r.choice(SUPPLEMENT), "NgayBoSung": t14(asked), "NguoiTiepNhanBoSung": "",
                            "ThongTinTiepNhan": "", "NgayTiepNhanBoSung": "", "TrangThaiBoSung": "1",
                            "DanhSachGiayToBoSung": [], "DanhSachLePhiBoSung": [],
                            "NgayHenTraTruoc": t14(hen_tra) if hen_tra else "", "NgayHenTraMoi": ""}]

        phone = f"0{r.choice(('3', '7', '8', '9'))}{r.randint(0, 99999999):08d}"
        return {
            "MaHoSo": self.dossier_code(agency, code_date),
            "MaTTHC": ma_tthc,
            "TenTTHC": proc.name,
            "MaLinhVuc": proc.field_code,
            "TenLinhVuc": proc.field_name,
            "KenhThucHien": kenh,
            "ChuHoSo": owner,
            "SoGiayToChuHoSo": so_giay_to,
            "LoaiDoiTuong": loai,
            "MaDoiTuong": str(r.randint(10**8, 10**9)) if kenh == "2" else "",
            "ThongTinKhac": "",
            "Email": f"hoso{r.randint(1000, 99999)}@example.com" if r.random() < 0.4 else "",
            "Fax": "",
            "SoDienThoai": phone,
            "TrichYeuHoSo": proc.summary.format(ten=owner),
            "NgayNopHoSo": t14(nop),
            "NgayTiepNhan": t14(tiep_nhan) if tiep_nhan else "",
            "NgayHenTra": t14(hen_tra) if hen_tra else "",
            "TrangThaiHoSo": str(st),
            "NgayTra": t14(tra) if tra else "",
            "ThongTinTra": "Trả kết quả qua dịch vụ bưu chính công ích" if tra and kenh == "3" else "",
            "HinhThuc": "1" if kenh == "3" else "0",
            "NgayKetThucXuLy": t14(ket_thuc) if ket_thuc else "",
            "DonViXuLy": unit,
            "GhiChu": ghi_chu,
            "NoiNopHoSo": "2",
            "HoSoCoThanhPhanSoHoa": "1" if any(p["DuocSoHoa"] == "1" for p in papers) else "0",
            "TaiKhoanDuocXacThucVoiVNeID": ("1" if r.random() < 0.7 else "0") if kenh == "2" else "0",
            "DuocThanhToanTrucTuyen": (r.choice(("1", "2")) if fees and kenh == "2" else "0"),
            "NgayTuChoi": t14(tu_choi) if tu_choi else "",
            "DinhDanhCHS": dinh_danh,
            "DSKetNoiCSDL": [{"MaCSDL": "7"}] if r.random() < 0.5 else [],
            "TaiLieuNop": papers,
            "DanhSachLePhi": fees,
            "DanhSachTepDinhKemKhac": [],
            "DanhSachHoSoBoSung": supplements,
            "DanhSachGiayToKetQua": results,
        }

    # ---- defects: each makes the record invalid under the motcua default rules ----
    def defect(self, rec: Record, kind: str) -> None:
        r = self.r
        st = int(rec["TrangThaiHoSo"])
        if kind == "bad_date":
            name = r.choice([k for k in ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra") if rec[k]])
            t = datetime.strptime(rec[name], "%Y%m%d%H%M%S")
            rec[name] = r.choice((
                t.strftime("%Y-%m-%d %H:%M:%S"),  # ISO-ish instead of the compact form
                t.strftime("%Y%m%d") + "240000",  # hour 24
                t.strftime("%Y") + "0230" + t.strftime("%H%M%S"),  # 30 February
                t.strftime("%Y%m%d%I%M"),  # 12-hour clock, seconds dropped
            ))
        elif kind == "date_order":
            if rec["NgayTiepNhan"]:  # received before it was submitted
                t = datetime.strptime(rec["NgayTiepNhan"], "%Y%m%d%H%M%S")
                rec["NgayNopHoSo"] = t14(t + timedelta(hours=r.randint(1, 48)))
            elif rec["NgayTuChoi"]:  # refused before it was submitted
                t = datetime.strptime(rec["NgayNopHoSo"], "%Y%m%d%H%M%S")
                rec["NgayTuChoi"] = t14(t - timedelta(hours=r.randint(1, 48)))
            else:
                raise ValueError("not applicable")
        elif kind == "status_inconsistent":
            if st == 10:
                rec["NgayTra"] = ""
            elif st == 9:
                rec["NgayKetThucXuLy"] = ""
            elif st == 3:
                rec["GhiChu"] = ""
            elif st in (2, 4) and r.random() < 0.5:
                rec["NgayTiepNhan"] = ""
            else:  # a result date on a dossier that is not "returned"
                rec["NgayTra"] = t14(datetime.combine(self.day, time(23, 59, 59)))
        elif kind == "negative_fee":
            if not rec["DanhSachLePhi"]:
                rec["DanhSachLePhi"] = [{"TenPhiLePhi": "Phí thẩm định", "MaPhiLePhi": "P-1", "HinhThucThu": "1",
                                         "Gia": "0", "LoaiPhiLePhi": "1"}]
            fee = r.choice(rec["DanhSachLePhi"])
            fee["Gia"] = f"-{int(fee['Gia']) or r.choice((8000, 50000, 100000))}"
        elif kind == "enum_out_of_range":
            name, value = r.choice((("KenhThucHien", "4"), ("KenhThucHien", "0"), ("LoaiDoiTuong", "5"), ("HinhThuc", "2"),
                                    ("TrangThaiHoSo", "11"), ("TrangThaiHoSo", "0"), ("HoSoCoThanhPhanSoHoa", "2"),
                                    ("DuocThanhToanTrucTuyen", "4"), ("TaiLieuNop", "2")))
            if name == "TaiLieuNop":
                rec["TaiLieuNop"][0]["DuocSoHoa"] = value
            else:
                rec[name] = value
        elif kind == "not_string":
            name = r.choice(("TrangThaiHoSo", "KenhThucHien", "LoaiDoiTuong", "HinhThuc", "Gia"))
            if name == "Gia" and rec["DanhSachLePhi"]:
                rec["DanhSachLePhi"][0]["Gia"] = int(rec["DanhSachLePhi"][0]["Gia"])
            else:
                name = "TrangThaiHoSo" if name == "Gia" else name
                rec[name] = int(rec[name])
        elif kind == "too_long":
            base = rec["TrichYeuHoSo"] + ". Kèm theo bản sao giấy tờ tùy thân và các giấy tờ liên quan; "
            rec["TrichYeuHoSo"] = (base * (1001 // len(base) + 1))[: r.randint(1001, 1200)]
        elif kind == "bad_ma_ho_so_date":
            agency, _, seq = rec["MaHoSo"].split("-")
            rec["MaHoSo"] = f"{agency}-{r.choice(('250229', '251301', '250732', '250631', '25715'))}-{seq}"
        elif kind == "missing_required":
            name = r.choice(("MaHoSo", "MaTTHC", "TenTTHC", "DonViXuLy", "TrichYeuHoSo", "LoaiDoiTuong", "TrangThaiHoSo"))
            if r.random() < 0.5:
                del rec[name]
            else:
                rec[name] = ""
        elif kind == "bad_cccd":
            if not rec["SoGiayToChuHoSo"] or len(rec["SoGiayToChuHoSo"]) != 12:
                raise ValueError("not applicable")
            n = rec["SoGiayToChuHoSo"]
            variant = r.randrange(4)
            if variant == 0:  # century digit 4 (2100s): born in the future
                rec["SoGiayToChuHoSo"] = n[:3] + "4" + n[4:]
            elif variant == 1:  # 003 is neither an old province nor a country
                rec["SoGiayToChuHoSo"] = "003" + n[3:]
            elif variant == 2:  # letter O instead of a zero
                rec["SoGiayToChuHoSo"] = n[:6] + "O" + n[7:]
            else:  # a digit lost in the owner identification (declared as a 12-digit ID)
                rec["DinhDanhCHS"] = [{"LoaiDinhDanh": "1", "SoDinhDanh": n[:11]}]
        else:
            raise ValueError(kind)

    def invalid(self) -> tuple[Record, str]:
        while True:
            rec, kind = self.record(), self.r.choice(DEFECTS)
            try:
                self.defect(rec, kind)
                return rec, kind
            except ValueError:
                continue


def generate(records: int, invalid_share: float, seed: int, day: date) -> Iterator[tuple[Record, str]]:
    """(record, defect kind or "") pairs, the same sequence for the same arguments."""
    g = Gen(seed, day)
    decide = random.Random(seed ^ 0x5EED)
    for _ in range(records):
        yield g.invalid() if decide.random() < invalid_share else (g.record(), "")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=1000, help="number of records (default 1000)")
    p.add_argument("--invalid-share", type=float, default=0.05, help="share of records with a defect (default 0.05)")
    p.add_argument("--seed", type=int, default=20250715, help="random seed (default 20250715)")
    p.add_argument("--day", type=date.fromisoformat, default=date(2025, 7, 15), help="sync day YYYY-MM-DD (default 2025-07-15)")
    p.add_argument("--out", default="-", help="output JSON Lines file, - for stdout (default)")
    p.add_argument("--labels", help="also write JSON Lines {line, defect} ground truth here")
    a = p.parse_args(argv)
    if a.records < 0 or not 0.0 <= a.invalid_share <= 1.0:
        p.error("--records must be >= 0 and --invalid-share within 0..1")

    invalid = 0
    with ExitStack() as files:
        def open_out(path: str) -> TextIO:
            return files.enter_context(open(path, "w", encoding="utf-8", newline="\n"))

        out = sys.stdout if a.out == "-" else open_out(a.out)
        labels = open_out(a.labels) if a.labels else None
        for line, (rec, kind) in enumerate(generate(a.records, a.invalid_share, a.seed, a.day), 1):
            invalid += bool(kind)
            out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
            if labels:
                labels.write(json.dumps({"line": line, "defect": kind or None}) + "\n")
    print(f"gen_sync: {a.records} records, {invalid} with a defect, seed {a.seed}, day {a.day}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
