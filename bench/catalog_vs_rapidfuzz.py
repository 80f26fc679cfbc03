#!/usr/bin/env python3
# Tested with: rapidfuzz==3.14.1 (Python 3.11), the motcua Python package built from this tree.
"""Procedure-catalogue search: motcua vs rapidfuzz, same process, same queries, one run.

Queries: bench/data/catalog_queries.jsonl (bench/catalog_queries.py writes it; one object a line,
{"query", "kind", "target", "relevant"}). Catalogue: tests/vectors/catalog/procedures.csv.

Peer, rapidfuzz (the strongest simple setting): every procedure becomes the choice string
"code name", folded (lower case, NFD, combining marks removed, đ -> d, whitespace collapsed); a
query is folded the same way and searched with
    process.extract(query_folded, choices, scorer=fuzz.partial_ratio, limit=5)
partial_ratio scores the best-matching window of the long name against the short query, which is
what a search box needs (ratio/WRatio punish the length difference); the code in the choice lets a
pasted code match too. Building the choices is rapidfuzz's "index build".

motcua: cat = motcua.Catalog.from_csv(text); cat.search(query, limit=5) -> hits with .code and
.score (the raw query: motcua does its own normalisation). If the module has no Catalog, the harness
falls back to the CLI batch mode
    motcua search --catalog F --queries QFILE --limit 5 --json
(QFILE: one query a line, or the JSONL query file with --cli-queries-format jsonl), which prints one
{"query", "results": [{"code", "score"}, ...]} a line in query order; recall and MRR are reported
from it, latency and build time are not.

Quality: a query is found when any of its relevant codes is in the top 5; MRR is the mean of
1/rank of the first relevant code in the top 5 (0 when none). Overall = over all queries (micro);
"macro" = the mean of the per-kind values.

Speed (Python API only): one untimed warm-up pass over all queries (its results are the ones
scored), then --runs timed passes, the two tools taking turns pass by pass; each call timed with
time.perf_counter_ns, GC disabled during a pass. The timed call is the bare search (cat.search(q,
limit=5); process.extract(fold(q), ...), so the rapidfuzz time includes folding the query), without
turning hits into (code, score) pairs. Mean, p50 and p95 are over every timed call (queries x runs).
Index build: wall time of Catalog.from_csv (CSV text in memory) and of building the folded
choices; memory: VmRSS from /proc/self/status before and after building each index (motcua first).

    python bench/catalog_vs_rapidfuzz.py
    python bench/catalog_vs_rapidfuzz.py --runs 5 --show-misses --out /tmp/catalog.json
    python bench/catalog_vs_rapidfuzz.py --motcua target/release/motcua    # CLI fallback binary

Exit status: 0 when both sides ran, 1 when the motcua side is missing or failed (the rapidfuzz side
is still run and reported).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
QUERIES = BENCH / "data" / "catalog_queries.jsonl"
CATALOG = ROOT / "tests" / "vectors" / "catalog" / "procedures.csv"
LIMIT = 5
KIND_ORDER = ["no_diacritics", "tone_variant", "typo", "reordered", "abbreviation",
              "code_dotted", "code_undotted", "code_local", "handwritten"]

try:
    from rapidfuzz import fuzz, process
except ImportError as e:
    sys.exit(f"rapidfuzz is not installed ({e}): pip install rapidfuzz==3.14.1")


def pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return getattr(sys.modules.get(name), "__version__", "unknown")


def fold(s: str) -> str:
    """The peer's normalisation: lower case, no diacritics, đ -> d, single spaces."""
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def rss_kib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ---------------------------------------------------------------- tools
# A tool is a search function query -> [(code, score), ...] plus its build figures.


class Tool:
    name: str
    search: Callable[[str], list[tuple[str, float]]] | None = None  # scored: (code, score) list
    timed: Callable[[str], Any] | None = None  # the bare call that is timed
    build_ms: float | None = None
    index_rss_mib: float | None = None
    note: str = ""
    catalog: Any = None  # motcua's index, kept alive


def rapidfuzz_tool(rows: list[dict]) -> Tool:
    tool = Tool()
    tool.name = "rapidfuzz"
    gc.collect()
    before = rss_kib()
    t = time.perf_counter()
    codes = [r["ma_thu_tuc"] for r in rows]
    choices = [fold(f"{r['ma_thu_tuc']} {r['ten_thu_tuc']}") for r in rows]
    tool.build_ms = (time.perf_counter() - t) * 1e3
    tool.index_rss_mib = (rss_kib() - before) / 1024
    extract, scorer = process.extract, fuzz.partial_ratio

    def timed(q: str) -> list:
        return extract(fold(q), choices, scorer=scorer, limit=LIMIT)

    def search(q: str) -> list[tuple[str, float]]:
        return [(codes[i], s) for _, s, i in timed(q)]

    tool.search, tool.timed = search, timed
    tool.note = f"rapidfuzz {pkg_version('rapidfuzz')}, partial_ratio over folded 'code name'"
    return tool


def hit_fields(h: Any) -> tuple[str, float]:
    if isinstance(h, dict):
        return str(h["code"]), float(h.get("score", 0.0))
    if isinstance(h, (tuple, list)):
        return str(h[0]), float(h[1]) if len(h) > 1 else 0.0
    return str(h.code), float(getattr(h, "score", 0.0))


def motcua_api_tool(csv_text: str) -> Tool | str:
    try:
        import motcua
    except ImportError as e:
        return f"import motcua failed: {e}"
    if not hasattr(motcua, "Catalog"):
        return f"motcua {pkg_version('motcua')} ({motcua.__file__}) has no Catalog"
    tool = Tool()
    tool.name = "motcua"
    gc.collect()
    before = rss_kib()
    t = time.perf_counter()
    cat = motcua.Catalog.from_csv(csv_text)
    tool.build_ms = (time.perf_counter() - t) * 1e3
    tool.index_rss_mib = (rss_kib() - before) / 1024
    def timed(q: str) -> list:
        return cat.search(q, limit=LIMIT)

    def search(q: str) -> list[tuple[str, float]]:
        return [hit_fields(h) for h in timed(q)]

    tool.search, tool.timed = search, timed
    tool.note = f"motcua {pkg_version('motcua')} Python API, Catalog.search"
    tool.catalog = cat
    return tool


def motcua_cli_results(binary: Path, catalog: Path, queries: list[dict],
                       fmt: str) -> list[list[tuple[str, float]]] | str:
    if not binary.exists():
        return f"{binary} does not exist (cargo build --release -p motcua-cli)"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        for q in queries:
            f.write((json.dumps(q, ensure_ascii=False) if fmt == "jsonl" else q["query"]) + "\n")
        qfile = f.name
    try:
        cmd = [str(binary), "search", "--catalog", str(catalog), "--queries", qfile,
               "--limit", str(LIMIT), "--json"]
        p = subprocess.run(cmd, capture_output=True, text=True)
    finally:
        os.unlink(qfile)
    if p.returncode != 0:
        return f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[:2000]}"
    lines = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    if len(lines) != len(queries):
        return f"the CLI printed {len(lines)} result lines for {len(queries)} queries"
    out = []
    for q, line in zip(queries, lines):
        if "query" in line and nfc(line["query"]).strip() != nfc(q["query"]).strip():
            return f"result line for {q['query']!r} names {line['query']!r}: order differs"
        out.append([hit_fields(h) for h in line.get("results", [])][:LIMIT])
    return out


# ---------------------------------------------------------------- measuring


def run_queries(search, queries: list[dict]) -> list[list[tuple[str, float]]]:
    return [search(q["query"])[:LIMIT] for q in queries]


def time_pass(search, texts: list[str], samples: list[int]) -> None:
    """One timed pass over all queries, GC disabled; appends one sample (ns) per call."""
    clock = time.perf_counter_ns
    gc.collect()
    gc.disable()
    try:
        for q in texts:
            t = clock()
            search(q)
            samples.append(clock() - t)
    finally:
        gc.enable()


def latency_stats(samples_ns: list[int]) -> dict[str, float]:
    s = sorted(samples_ns)
    pick = lambda p: s[min(len(s) - 1, int(p * len(s)))] / 1e3  # noqa: E731
    return {"mean_us": statistics.fmean(s) / 1e3, "p50_us": pick(0.50), "p95_us": pick(0.95),
            "max_us": s[-1] / 1e3, "calls": len(s)}


def score(queries: list[dict], results: list[list[tuple[str, float]]]) -> dict[str, Any]:
    per_kind: dict[str, list[tuple[int, float]]] = defaultdict(list)
    ranks = []
    for q, res in zip(queries, results):
        relevant = set(q["relevant"])
        rank = next((i + 1 for i, (code, _) in enumerate(res[:LIMIT]) if code in relevant), 0)
        ranks.append(rank)
        per_kind[q["kind"]].append((1 if rank else 0, 1 / rank if rank else 0.0))

    def agg(v):
        return {"n": len(v), "found": sum(f for f, _ in v), "recall": sum(f for f, _ in v) / len(v),
                "mrr": sum(r for _, r in v) / len(v)}

    kinds = {k: agg(v) for k, v in per_kind.items()}
    everything = [x for v in per_kind.values() for x in v]
    return {"overall": agg(everything), "kinds": kinds,
            "macro": {"recall": statistics.fmean(k["recall"] for k in kinds.values()),
                      "mrr": statistics.fmean(k["mrr"] for k in kinds.values())},
            "ranks": ranks}


# ---------------------------------------------------------------- report


def ordered_kinds(queries: list[dict]) -> list[str]:
    present = {q["kind"] for q in queries}
    return [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def quality_table(kinds: list[str], scores: dict[str, dict]) -> str:
    tools = list(scores)
    head = "| kind | queries | " + " | ".join(f"{t} R@5 % | {t} MRR" for t in tools) + " |"
    sep = "|---|---:|" + "---:|---:|" * len(tools)
    lines = [head, sep]
    for k in kinds + ["overall", "macro"]:
        cells = []
        n = None
        for t in tools:
            s = scores[t]
            row = s["kinds"].get(k) if k in s["kinds"] else s.get(k)
            n = row.get("n", n) if row else n
            cells.append(f"{pct(row['recall'])} | {row['mrr']:.3f}" if row else "– | –")
        label = f"**{k}**" if k in ("overall", "macro") else k
        lines.append(f"| {label} | {n if n is not None else ''} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speed_table(tools: list[Tool], lat: dict[str, dict]) -> str:
    lines = ["| tool | index build ms | index RSS MiB | mean µs | p50 µs | p95 µs | mean vs motcua |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    base = lat.get("motcua", {}).get("mean_us")
    for t in tools:
        L = lat.get(t.name)
        if not L:
            continue
        ratio = f"{L['mean_us'] / base:.1f}x" if base else "–"
        lines.append(f"| {t.name} | {t.build_ms:.1f} | {t.index_rss_mib:.1f} | {L['mean_us']:.1f} | "
                     f"{L['p50_us']:.1f} | {L['p95_us']:.1f} | {ratio} |")
    return "\n".join(lines)


def show_misses(tool: str, kinds: list[str], queries: list[dict], results, ranks,
                names: dict[str, str], per_kind: int = 10) -> None:
    print(f"\n## {tool}: missed queries (first {per_kind} per kind)")
    for k in kinds:
        missed = [(q, r) for q, r, rank in zip(queries, results, ranks) if q["kind"] == k and not rank]
        if not missed:
            continue
        print(f"\n### {k}: {len(missed)} missed")
        for q, res in missed[:per_kind]:
            rel = ", ".join(q["relevant"][:3]) + (" ..." if len(q["relevant"]) > 3 else "")
            print(f"- `{q['query']}` -> want {rel} ({names.get(q['target'], '?')[:70]})")
            for code, s in res:
                print(f"    - {code} {s:.3g} {names.get(code, '?')[:80]}")
            if not res:
                print("    - (no results)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--catalog", type=Path, default=CATALOG)
    ap.add_argument("--runs", type=int, default=3,
                    help="timed passes after the warm-up (default 3; 0: quality only)")
    ap.add_argument("--out", type=Path, help="JSON summary (default bench/out/catalog_vs_rapidfuzz-<time>.json)")
    ap.add_argument("--motcua", type=Path, default=ROOT / "target" / "release" / "motcua",
                    help="CLI used when the Python module has no Catalog")
    ap.add_argument("--cli-queries-format", choices=("lines", "jsonl"), default="lines",
                    help="QFILE for the CLI fallback: one query a line, or the JSONL query objects")
    ap.add_argument("--show-misses", action="store_true",
                    help="print motcua's missed queries, first 10 per kind (rapidfuzz's if motcua did not run)")
    args = ap.parse_args()

    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    csv_text = args.catalog.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    names = {r["ma_thu_tuc"]: " ".join(unicodedata.normalize("NFC", r["ten_thu_tuc"]).split())
             for r in rows}
    unknown = {c for q in queries for c in q["relevant"]} - names.keys()
    if unknown:
        sys.exit(f"{len(unknown)} relevant codes are not in {args.catalog}: {sorted(unknown)[:5]}")
    kinds = ordered_kinds(queries)

    # motcua first, so its RSS delta is not blurred by the peer's allocations
    motcua_error = None
    mot = motcua_api_tool(csv_text)
    cli_results = None
    if isinstance(mot, str):
        motcua_error = mot
        mot = None
        cli = motcua_cli_results(args.motcua, args.catalog, queries, args.cli_queries_format)
        if isinstance(cli, str):
            motcua_error += f"; CLI fallback: {cli}"
        else:
            cli_results = cli
            motcua_error = None
    rf = rapidfuzz_tool(rows)

    results: dict[str, list] = {}
    latency: dict[str, dict] = {}
    samples: dict[str, list[int]] = {}
    in_process = [t for t in (mot, rf) if t is not None]
    for t in in_process:
        results[t.name] = run_queries(t.search, queries)  # warm-up pass, scored
    texts = [q["query"] for q in queries]
    for _ in range(args.runs):  # the tools take turns, so drift in machine load hits both
        for t in in_process:
            time_pass(t.timed, texts, samples.setdefault(t.name, []))
    for name, s in samples.items():
        if s:
            latency[name] = latency_stats(s)
    if cli_results is not None:
        results["motcua"] = cli_results
    scores = {name: score(queries, res) for name, res in
              sorted(results.items(), key=lambda kv: kv[0] != "motcua")}

    # ---- report
    print("# Procedure-catalogue search: motcua vs rapidfuzz\n")
    qpath = args.queries.resolve()
    qshow = qpath.relative_to(ROOT) if qpath.is_relative_to(ROOT) else qpath
    print(f"- queries: {len(queries)} from {qshow}; catalogue: {len(rows)} procedures")
    print(f"- python {platform.python_version()}, rapidfuzz {pkg_version('rapidfuzz')}, "
          f"motcua {pkg_version('motcua')}; {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.2f}")
    print(f"- peer: {rf.note}")
    if mot is not None:
        print(f"- motcua: {mot.note}")
    elif cli_results is not None:
        print(f"- motcua: CLI {args.motcua} (batch mode; no latency)")
    else:
        print(f"- motcua: NOT RUN ({motcua_error})")
    print(f"- latency: warm-up pass, then {args.runs} timed passes; stats over all timed calls\n")
    print("## Recall@5 and MRR@5 per kind\n")
    print(quality_table(kinds, scores))
    print("\n## Speed and index\n")
    if latency:
        print(speed_table(in_process, latency))
    else:
        print("(no timed passes: --runs 0, or the motcua side ran through the CLI only)"
              if not in_process else "(no timed passes: --runs 0)")
    if "motcua" in latency:
        r = latency["rapidfuzz"]["mean_us"] / latency["motcua"]["mean_us"]
        print(f"\nrapidfuzz/motcua mean latency: {r:.1f}x; "
              f"p95: {latency['rapidfuzz']['p95_us'] / latency['motcua']['p95_us']:.1f}x")

    if args.show_misses:
        who = "motcua" if "motcua" in results else "rapidfuzz"
        show_misses(who, kinds, queries, results[who], scores[who]["ranks"], names)

    summary = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "queries_file": str(args.queries), "catalog_file": str(args.catalog),
        "queries": len(queries), "procedures": len(rows), "runs": args.runs, "limit": LIMIT,
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "loadavg": os.getloadavg()[0],
        "versions": {"rapidfuzz": pkg_version("rapidfuzz"), "motcua": pkg_version("motcua")},
        "motcua_mode": "api" if mot is not None else ("cli" if cli_results is not None else None),
        "motcua_error": motcua_error,
        "quality": {t: {k: v for k, v in s.items() if k != "ranks"} for t, s in scores.items()},
        "latency": latency,
        "index": {t.name: {"build_ms": t.build_ms, "rss_mib": t.index_rss_mib} for t in in_process},
    }
    if "motcua" in latency:
        summary["latency_ratio_rapidfuzz_over_motcua"] = (
            latency["rapidfuzz"]["mean_us"] / latency["motcua"]["mean_us"])
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    out = args.out or ROOT / "bench" / "out" / f"catalog_vs_rapidfuzz-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nsummary: {out}")
    if motcua_error:
        print(f"motcua side not run: {motcua_error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
