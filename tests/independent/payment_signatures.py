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
    # payment_flows.json: every callback signed with the case's secret verifies, except the cases
    # whose expected outcome is a bad signature (6102) or a missing field (6101).
    flows = json.loads((path.parent / "payment_flows.json").read_text(encoding="utf-8"))["callbacks"]
    checked = 0
    for c in flows:
        if c.get("code") in (6101, 6102):
            continue
        cb = c["callback"]
        base = "|".join(str(cb[f]) for f in ORDER["CALLBACK"]) + "|" + c["secret"]
        if hashlib.sha256(base.encode("utf-8")).hexdigest() != cb["MaXacThuc"].lower():
            print(f"payment_flows {c['name']!r}: signature does not verify")
            bad += 1
        checked += 1
    print(f"{checked} callbacks in payment_flows.json verify")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
