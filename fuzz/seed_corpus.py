#!/usr/bin/env python3
"""Writes the committed seed corpus (fuzz/corpus/<target>/seed-*) from the test vectors.

vietqr_parse: every payload of tests/vectors/vietqr.json.
platform_callback: every message of tests/vectors/payment_signatures.json with its MaXacThuc.
receipt_check: every receipt of tests/vectors/receipts.json.
recon_reconcile: slices of tests/vectors/recon (dossiers, payments, bank joined by 0xFF).
catalog_search: catalogue rows (seeded and national), 0xFF, the search vectors' queries.
vietqr_build takes `arbitrary`-encoded bytes, so it has no seeds (libFuzzer starts from nothing).
Re-run after changing the vectors: python3 fuzz/seed_corpus.py
"""
import json
import pathlib
import re

fuzz = pathlib.Path(__file__).resolve().parent
vectors = fuzz.parent / "tests" / "vectors"


def write(target, name, data):
    d = fuzz / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
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
