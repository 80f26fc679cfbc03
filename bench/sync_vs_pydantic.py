#!/usr/bin/env python3
"""motcua vs pydantic v2 on the same JSON Lines file of DongBoHoSoMC dossier records, in one run.

(a) pydantic: `HoSo.model_validate_json(line)` for every line (bench/pydantic_model.py);
(b) motcua: one `motcua.validate_jsonl(data)` call (Rust core through the Python binding), as a
user calls it (on all CPUs) and, when the binding has `threads=`, on one thread like pydantic.
Each is timed best of `--repeat` over the same in-memory bytes.
Timed: splitting into lines (for pydantic; motcua does it inside its call) and validating, keeping
each side's own result (exceptions, reports); the garbage collector stays on but skips the objects
that existed before the run. Not timed: reading the file, and turning results into verdicts, which
are then compared record by record, and with the generator's labels when there are any.

    python bench/sync_vs_pydantic.py                       # 100,000 generated records, ~5 % invalid
    python bench/sync_vs_pydantic.py --file examples/sync-2025-07-15.jsonl

Prints a Markdown table; writes the full result as JSON into bench/out/.
"""
import argparse
import gc
import inspect
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import gen_sync  # noqa: E402
import pydantic  # noqa: E402
from pydantic_model import TODAY, HoSo  # noqa: E402

try:
    import motcua
except ImportError as e:  # the binding is built from bindings/python
    sys.exit(f"motcua is not installed ({e}): pip install ./bindings/python")
if not hasattr(motcua, "validate_jsonl"):
    sys.exit(f"the installed motcua ({getattr(motcua, '__file__', None) or motcua.__path__}) has no validate_jsonl")


def records(data: bytes) -> list[tuple[int, bytes]]:
    """(1-based line, text) of every non-blank line: the records motcua reports on."""
    return [(i, line) for i, line in enumerate(data.split(b"\n"), 1) if line.strip()]


def run_pydantic(data: bytes) -> list[tuple[int, pydantic.ValidationError | None]]:
    """Timed: every non-blank line through the model; keeps the exception of each invalid line."""
    out: list[tuple[int, pydantic.ValidationError | None]] = []
    for i, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            HoSo.model_validate_json(line)
            out.append((i, None))
        except pydantic.ValidationError as e:
            out.append((i, e))
    return out


def pydantic_verdicts(raw: list[tuple[int, pydantic.ValidationError | None]]) -> dict[int, list[str]]:
    """Line -> pydantic errors as "loc:type" (empty when valid). Not timed."""
    return {i: [f"{'.'.join(map(str, err['loc'])) or '$'}:{err['type']}" for err in e.errors()] if e else []
            for i, e in raw}


def run_motcua(data: bytes) -> list[Any]:
    """Timed: the whole input in one call, as a user would make it."""
    return motcua.validate_jsonl(data, today=TODAY)


def run_motcua_1thread(data: bytes) -> list[Any]:
    return motcua.validate_jsonl(data, today=TODAY, threads=1)


def motcua_verdicts(reports: list[Any]) -> dict[int, list[str]]:
    """Line -> motcua issues as "path:code" (empty when valid). Not timed."""
    return {r.line: [f"{i.path}:{i.code}" for i in r.issues] for r in reports}


def best_of(n: int, fn: Callable[[bytes], Any], data: bytes) -> tuple[float, Any]:
    """Best wall time of n runs, and the last run's result."""
    times, result = [], None
    for _ in range(n):
        result = None  # free the previous run's result first
        # Objects alive before the run (the other side's verdicts...) are left out of the garbage
        # collector's passes, so they do not slow down the side being timed.
        gc.collect()
        gc.freeze()
        t = time.perf_counter()
        result = fn(data)
        times.append(time.perf_counter() - t)
        gc.unfreeze()
    return min(times), result


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def command(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False, cwd=BENCH).stdout.strip()
    except OSError:
        return ""


def machine() -> dict[str, Any]:
    """What the numbers depend on; the load average is taken before the timed runs."""
    return {
        "cpu": cpu_model(), "cores": os.cpu_count(), "os": platform.platform(), "python": platform.python_version(),
        "pydantic": version("pydantic"), "pydantic_core": version("pydantic_core"), "motcua": version("motcua"),
        "rustc": command("rustc", "--version") or "unknown", "load_average": os.getloadavg(),
        "git": command("git", "describe", "--always", "--dirty") or "unknown",
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--file", type=Path, help="JSON Lines input (default: generate one with gen_sync.py)")
    p.add_argument("--records", type=int, default=100_000, help="records to generate (default 100000)")
    p.add_argument("--invalid-share", type=float, default=0.05, help="share of invalid records to generate (default 0.05)")
    p.add_argument("--seed", type=int, default=20250715, help="generator seed (default 20250715)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each side; the best counts (default 3)")
    p.add_argument("--out-dir", type=Path, default=BENCH / "out", help="where the JSON result goes (default bench/out)")
    a = p.parse_args(argv)
    a.out_dir.mkdir(parents=True, exist_ok=True)

    labels: dict[int, str | None] = {}
    if a.file is None:
        a.file = a.out_dir / f"sync-{a.records}-{a.invalid_share:g}-{a.seed}.jsonl"
        label_file = a.file.with_suffix(".labels.jsonl")
        if not (a.file.exists() and label_file.exists()):
            gen_sync.main(["--records", str(a.records), "--invalid-share", str(a.invalid_share), "--seed", str(a.seed),
                           "--out", str(a.file), "--labels", str(label_file)])
        labels = {row["line"]: row["defect"] for row in map(json.loads, label_file.read_text().splitlines())}
    data = a.file.read_bytes()
    n = len(records(data))
    if n == 0:
        sys.exit(f"{a.file}: no records")
    mb = len(data) / 1e6
    print(f"input {a.file}: {n} records, {mb:.1f} MB; best of {a.repeat}", file=sys.stderr)

    info = machine()
    results: dict[str, dict[str, Any]] = {}
    verdicts: dict[str, dict[int, list[str]]] = {}
    sides: list[tuple[str, Callable[[bytes], Any], Callable[[Any], dict[int, list[str]]]]] = [
        ("pydantic", run_pydantic, pydantic_verdicts), ("motcua", run_motcua, motcua_verdicts)]
    if "threads" in inspect.signature(motcua.validate_jsonl).parameters:
        sides.append(("motcua_1thread", run_motcua_1thread, motcua_verdicts))
    for name, fn, verdicts_of in sides:
        seconds, raw = best_of(a.repeat, fn, data)
        verdicts[name] = verdicts_of(raw)
        del raw
        results[name] = {"seconds": seconds, "records_per_s": n / seconds, "mb_per_s": mb / seconds,
                         "us_per_record": seconds / n * 1e6,
                         "invalid": sum(1 for v in verdicts[name].values() if v)}
        print(f"{name}: {seconds:.3f} s", file=sys.stderr)
    speedup = {name: results["pydantic"]["seconds"] / r["seconds"] for name, r in results.items() if name != "pydantic"}

    py, mc = verdicts["pydantic"], verdicts["motcua"]
    lines = sorted(mc)
    if sorted(py) != lines:
        sys.exit("the two sides saw different records: line numbering differs")
    if "motcua_1thread" in verdicts and verdicts["motcua_1thread"] != mc:
        sys.exit("motcua gave different reports on one thread and on several")
    differ = [i for i in lines if bool(py[i]) != bool(mc[i])]
    agreement = 1 - len(differ) / n
    truth = {}
    if labels:
        truth = {side: sum(bool(v[i]) == bool(labels.get(i)) for i in lines) / n for side, v in verdicts.items()}
    disagreements = [{"line": i, "defect": labels.get(i), "pydantic": py[i], "motcua": mc[i]} for i in differ]
    by_defect = Counter(d["defect"] or "(none)" for d in disagreements)

    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "input": {"file": str(a.file), "records": n, "bytes": len(data), "generated": bool(labels), "seed": a.seed if labels else None},
        "machine": info, "repeat": a.repeat, "today": TODAY.isoformat(), "results": results,
        "speedup_per_record": speedup, "threads_default": os.cpu_count(), "agreement": agreement, "agreement_with_labels": truth,
        "disagreements_by_defect": dict(by_defect), "disagreements": disagreements[:50],
    }
    out = a.out_dir / f"sync_vs_pydantic-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")

    print(f"\n{n:,} records, {mb:.1f} MB ({a.file.name}), best of {a.repeat}\n")
    print("| validator | records/s | MB/s | µs/record | invalid found |")
    print("|---|---:|---:|---:|---:|")
    labels_of = {
        "pydantic": f"pydantic {version('pydantic')}: `HoSo.model_validate_json` per line, 1 thread",
        "motcua": f"motcua {version('motcua')}: `validate_jsonl(data)` (Python batch API, default: {os.cpu_count()} threads)",
        "motcua_1thread": f"motcua {version('motcua')}: `validate_jsonl(data, threads=1)`",
    }
    for name, r in results.items():
        print(f"| {labels_of[name]} | {r['records_per_s']:,.0f} | {r['mb_per_s']:.1f} | {r['us_per_record']:.2f} | {r['invalid']:,} |")
    print()
    for name, x in speedup.items():
        print(f"speed-up per record over pydantic, {labels_of[name].split(': ', 1)[1]}: **{x:.1f}×**")
    print(f"agreement on which records are valid: **{agreement:.4%}** ({len(differ)} of {n:,} differ)")
    for side, share in truth.items():
        print(f"{side} vs the generator's labels: {share:.4%}")
    for d in disagreements[:10]:
        print(f"- line {d['line']} (defect {d['defect']}): pydantic {d['pydantic'] or 'valid'}; motcua {d['motcua'] or 'valid'}")
    print(f"\nresult: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
