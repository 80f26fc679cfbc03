#!/usr/bin/env python3
"""Writes the committed seed corpus (fuzz/corpus/<target>/seed-*) from the test vectors.

vietqr_parse: every payload of tests/vectors/vietqr.json.
platform_callback: every message of tests/vectors/payment_signatures.json with its MaXacThuc.
receipt_check: every receipt of tests/vectors/receipts.json.
recon_reconcile: slices of tests/vectors/recon (dossiers, payments, bank joined by 0xFF).
catalog_search: catalogue rows (seeded and national), 0xFF, the search vectors' queries.
parity_check: every input of tests/vectors/parity.json.
sync_validate: every document and raw input of tests/vectors/sync.json (each document alone, and all as JSON Lines).
ids_check: every value of tests/vectors/identifiers.json after a byte naming its kind.
clock_due: every case of tests/vectors/deadlines.json: its clock settings, 0xFF, its request.
payment_build: a kind byte, a secret, 0xFF, an INIT built from a callback of tests/vectors/payment_flows.json,
0xFF, each polling request of that file.
vietqr_build takes `arbitrary`-encoded bytes, so it has no seeds (libFuzzer starts from nothing).
Re-run after changing the vectors: python3 fuzz/seed_corpus.py
"""
import json
import pathlib
import re

fuzz = pathlib.Path(__file__).resolve().parent
vectors = fuzz.parent / "tests" / "vectors"


cleared = set()


def write(target, name, data):
    d = fuzz / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    if target not in cleared:
        # Seeds are named after their vector's position: drop the last run's (crash reproducers,
        # seed-regress-*, stay).
        for old in d.glob("seed-*"):
            if not old.name.startswith("seed-regress-"):
                old.unlink()
        cleared.add(target)
    (d / f"seed-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}").write_bytes(data)


for case in json.loads((vectors / "vietqr.json").read_text(encoding="utf-8"))["cases"]:
    write("vietqr_parse", case["id"], case["payload"].encode())

for i, case in enumerate(json.loads((vectors / "payment_signatures.json").read_text(encoding="utf-8"))["cases"]):
    msg = dict(case["fields"], MaXacThuc=case["MaXacThuc"])
    write("platform_callback", f"{i}-{case['message'].lower()}", json.dumps(msg, ensure_ascii=False).encode())

for case in json.loads((vectors / "receipts.json").read_text(encoding="utf-8"))["cases"]:
    if isinstance(case.get("receipt"), (dict, str)):
        r = case["receipt"]
        data = r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
        write("receipt_check", case["name"][:40], data.encode())

# recon_reconcile: slices of the shared reconciliation sample (rows without their headers),
# dossiers / payments / bank joined by 0xFF.
recon = vectors / "recon"
files = [(recon / n).read_bytes().replace(b"\r\n", b"\n").split(b"\n")[1:] for n in ("dossiers.csv", "payments.csv", "bank.csv")]
for i in range(0, 40, 10):
    write("recon_reconcile", f"sample-{i}", b"\xff".join(b"\n".join(f[i : i + 10]) + b"\n" for f in files))

# catalog_search: rows of the seeded catalogue (without its header) and of the national list, then
# 0xFF and the search vectors' queries, one per line.
catalog = vectors / "catalog"
queries = "\n".join(c["query"] for c in json.loads((catalog / "search.json").read_text(encoding="utf-8"))["cases"])
seeded = (catalog / "seeded.csv").read_bytes().split(b"\n")[1:]
national = (catalog / "procedures.csv").read_bytes().split(b"\n")[1:]
for i, rows in enumerate([seeded, national[:40], national[1000:1040]]):
    write("catalog_search", f"rows-{i}", b"\n".join(rows) + b"\xff" + queries.encode())

for i, case in enumerate(json.loads((vectors / "parity.json").read_text(encoding="utf-8"))["cases"]):
    write("parity_check", f"{i}-{case['name'][:40]}", case["input"].encode())

sync_docs = [c["document"] for c in json.loads((vectors / "sync.json").read_text(encoding="utf-8"))["cases"] if "document" in c]
for i, doc in enumerate(sync_docs):
    write("sync_validate", f"{i}", json.dumps(doc, ensure_ascii=False, indent=1).encode())
for i, case in enumerate(json.loads((vectors / "sync.json").read_text(encoding="utf-8"))["cases"]):
    if isinstance(case.get("raw"), str):
        write("sync_validate", f"raw-{i}", case["raw"].encode())
write("sync_validate", "lines", "\n".join(json.dumps(d, ensure_ascii=False) for d in sync_docs).encode())

kinds = ["cccd", "cmnd", "passport", "mst", "agency", "dossier-code", "procedure", "province", "commune", "bank-bin"]
for i, case in enumerate(json.loads((vectors / "identifiers.json").read_text(encoding="utf-8"))["cases"]):
    write("ids_check", f"{i}-{case['kind']}", bytes([kinds.index(case["kind"])]) + case["value"].encode())

for i, case in enumerate(json.loads((vectors / "deadlines.json").read_text(encoding="utf-8"))["cases"]):
    config = json.dumps(case.get("config", {}), ensure_ascii=False).encode()
    write("clock_due", f"{i}", config + b"\xff" + json.dumps(case["request"], ensure_ascii=False).encode())

flows = json.loads((vectors / "payment_flows.json").read_text(encoding="utf-8"))
cb = flows["callbacks"][0]["callback"]
init = {"ma_doi_tac": cb["MaDoiTac"], "ma_tham_chieu": cb["MaThamChieu"], "thoi_gian": "2026-11-24T15:30:05",
        "so_tien": int(cb["SoTien"]), "thong_tin_giao_dich": cb["ThongTinGiaoDich"], "ip": "10.0.0.1"}
for i, poll in enumerate(flows["polls"]):
    parts = [b"secret", json.dumps(init, ensure_ascii=False).encode(), json.dumps(poll["request"]).encode()]
    write("payment_build", f"{i}", bytes([i % 3]) + b"\xff".join(parts))
