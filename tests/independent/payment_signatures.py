"""Independent check of tests/vectors/payment_signatures.json: recomputes every MaXacThuc with
Python's hashlib (no motcua code), from the field order of ../shared/domain/data/dvcqg_payment_platform.json
as copied here. Exit 1 on any difference. Run in CI; the Rust, C, Python and JVM suites check motcua
against the same file."""

import hashlib
import json
import sys
from pathlib import Path

ORDER = {
    "INIT": ["LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan", "MaKenhThanhToan",
             "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang", "ThongTinGiaoDich", "ThoiGianGD", "Ip"],
    "CALLBACK": ["LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe", "MaGiaoDich", "MaNganHang",
                 "ThoiGianGD", "ThongTinGiaoDich"],
    "QUERY": ["LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD"],
    "GET_BILL": ["LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD"],
}


def main() -> int:
    path = Path(__file__).resolve().parents[1] / "vectors" / "payment_signatures.json"
    bad = 0
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    for c in cases:
        base = "|".join(str(c["fields"][f]) for f in ORDER[c["message"]]) + "|" + c["secret"]
        mac = hashlib.sha256(base.encode("utf-8")).hexdigest()
        if base != c["signature_base"] or mac != c["MaXacThuc"]:
            print(f"{c['message']}: expected {mac}, file has {c['MaXacThuc']}")
            bad += 1
    print(f"{len(cases)} signatures, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
