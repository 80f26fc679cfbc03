#!/usr/bin/env python3
# Tested with: pandas==2.3.3, numpy==2.4.6 (and the motcua CLI built from this tree).
"""Payment reconciliation: `motcua reconcile` (CLI) vs the pandas peer bench/recon_pandas.py, one run.

1. Scenario: `motcua scenario recon --seed S --bank-lines N --out WORKDIR/scenario` (dossiers.csv,
   payments.csv, bank.csv, expected.csv in the layouts of tests/vectors/recon), or an
   existing directory with --scenario DIR.
2. motcua, end to end as a child process: `taskset -c 0 motcua reconcile --dossiers .. --payments ..
   --bank .. --out WORKDIR/motcua.jsonl` (CSV in, JSON Lines out).
3. The peer the same way: `taskset -c 0 PYTHON bench/recon_pandas.py --dossiers .. --payments ..
   --bank .. --out WORKDIR/pandas.csv` (with --peer-jsonl: pandas.jsonl, the contract's seven keys
   as JSON Lines, so both sides write the same kind of file; interpreter start-up and `import
   pandas` included; they are also timed alone and printed, so they can be subtracted).
   Each side: best wall time of --runs fresh children (the sides take turns, a run of each per
   round, and each round's ratio is printed too), pinned to one core (taskset -c --cpu, default
   0); peak RSS from GNU time's %M (`/usr/bin/time -f %M taskset -c 0 CMD`: taskset execs CMD, so it
   is the tool's own process), the largest over the runs. Without /usr/bin/time the harness falls
   back to os.wait4's ru_maxrss, which also counts this interpreter's pages copied into the child
   before exec (so never less than the harness's own RSS, about 70 MiB with pandas loaded).
4. Accuracy against expected.csv: a row is right when the tool's row for the same (source, id) has the
   same class, ma_ho_so and ma_tham_chieu (empty = null). Only the (source, id) pairs of expected.csv
   count. Overall, per expected class and, when expected.csv has a `mangling` column, per mangling.
5. A Markdown table (tool, wall s, input rows/s, peak RSS MiB, accuracy, pandas/motcua wall) and the
   machine; everything as JSON in WORKDIR/summary.json. Both outputs and a generated scenario are
   deleted afterwards unless --keep (1,000,000 bank lines: about 0.6 GB of CSV, plus the outputs).

With --motcua-pgo BIN, a second build of the CLI (`cargo run -p xtask -- pgo` writes one to
target/pgo/release/motcua) takes its turn in the same rounds as a third side; its results.jsonl
must be byte-identical to the first build's (the harness compares the last outputs).

--fields all,contract times each motcua build once per value of `motcua reconcile --fields`, in
the same rounds (sides `motcua`, `motcua-contract`, `motcua-pgo`, `motcua-pgo-contract`): `all`
writes every key of a results row (715 MB for 1,000,000 bank lines), `contract` the seven keys the
JSON peer writes, so that with --peer-jsonl both sides write the same keys. Default: all.

The issue's targets are judged on the side that writes the same keys as the JSON peer
(`motcua-contract`, so --peer-jsonl with --fields contract or all,contract): speed by the median of
the rounds' pandas/motcua ratios (≥ 10×), accuracy against the truth (≥ 99.5 %). The last lines
print that verdict (also in summary.json under "target"); the best-against-best ratio is in the
table above it. Why this rule: BENCHMARKS.md, "How the speed target is judged".

A side that fails (missing binary, unknown subcommand, non-zero exit) is reported with its stderr
and the other side still runs. Exit status: 0 when both sides ran, 1 otherwise.

    python bench/recon_vs_pandas.py                                   # 1,000,000 bank lines
    python bench/recon_vs_pandas.py --bank-lines 100000 --runs 1
    python bench/recon_vs_pandas.py --scenario tests/vectors/recon
    python bench/recon_vs_pandas.py --motcua target/bench/release/motcua --cpu 1 --keep --workdir /tmp/recon
    python bench/recon_vs_pandas.py --peer-jsonl --runs 5 --motcua-pgo target/pgo/release/motcua
    python bench/recon_vs_pandas.py --peer-jsonl --runs 7 --fields all,contract --motcua-pgo target/pgo/release/motcua
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from timing import pkg_version  # noqa: E402

try:
    import pandas as pd
except ImportError as e:
    sys.exit(f"pandas is not installed ({e}): pip install pandas==2.3.3 (bench/run.sh does)")

FILES = ("dossiers.csv", "payments.csv", "bank.csv", "expected.csv")
KEYS = ["source", "id"]
FIELDS = ["class", "ma_ho_so", "ma_tham_chieu"]


# ---------------------------------------------------------------- running a child

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_child(cmd: list[str], log: Path) -> dict[str, Any]:
    """One fresh child: wall seconds, user and system CPU seconds, peak RSS (KiB), exit code; its
    stdout+stderr go to log.

    Peak RSS comes from GNU time (`/usr/bin/time -f %M`), whose own child starts from a small process.
    Without it, from os.wait4: but a child forked (or vforked) from this interpreter has this
    interpreter's pages counted until it execs, so that figure is at least the harness's own RSS."""
    rss_file = log.with_suffix(".rss")
    full = ([GNU_TIME, "-f", "%M", "-o", str(rss_file)] if GNU_TIME else []) + cmd
    with open(log, "wb") as f:
        t = time.perf_counter()
        try:
            proc = subprocess.Popen(full, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except OSError as e:
            return {"ok": False, "rc": None, "wall": None, "maxrss_kib": None, "error": f"cannot start {full[0]}: {e}"}
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
    maxrss: int | None = ru.ru_maxrss
    if GNU_TIME:
        try:
            maxrss = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            maxrss = None
    # CPU seconds of the child and what it waited for (GNU time's child included).
    return {"ok": proc.returncode == 0, "rc": proc.returncode, "wall": wall, "maxrss_kib": maxrss,
            "user": ru.ru_utime, "sys": ru.ru_stime}


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def bench_sides(sides: list[tuple[str, list[str], Path]], runs: int, workdir: Path) -> dict[str, dict[str, Any]]:
    """Best of `runs` fresh children per side. The sides take turns, one run each per round, so that
    all meet the same machine conditions (on a shared VM they drift by 10-20 % within an hour); the
    order rotates by one side each round, so that no side always follows the same one (the page
    cache and the writeback the previous run leaves). Each round's ratios are kept. A side stops
    at its first failure."""
    results: dict[str, dict[str, Any]] = {}
    for name, cmd, _ in sides:
        results[name] = {"tool": name, "cmd": cmd, "runs": [], "ok": True}
        print(f"-- {name}: {' '.join(cmd)}", flush=True)
    for i in range(runs):
        k = i % len(sides)
        for name, cmd, out in sides[k:] + sides[:k]:
            res = results[name]
            if not res["ok"]:
                continue
            if out.exists():
                out.unlink()
            log = workdir / f"{name}.log"
            r = run_child(cmd, log)
            res["runs"].append(r)
            if not r["ok"]:
                r.setdefault("error", f"exit code {r['rc']}")
                r["output_tail"] = tail(log)
                print(f"   {name} FAILED ({r['error']}):\n" + "\n".join("   | " + l for l in r["output_tail"].splitlines()), flush=True)
                res.update(ok=False, error=r["error"], output_tail=r["output_tail"])
                continue
            if not out.exists():
                res.update(ok=False, error=f"exit 0 but {out} was not written", output_tail=tail(log))
                print(f"   {name} FAILED: {res['error']}", flush=True)
                continue
            print(f"   round {i + 1} {name}: {r['wall']:.3f} s (user {r['user']:.2f}, sys {r['sys']:.2f}), "
                  f"peak RSS {(r['maxrss_kib'] or float('nan')) / 1024:.1f} MiB", flush=True)
            if name == "pandas":
                res["phases"] = [l for l in tail(log).splitlines() if l.startswith("read ")][-1:]
    for res in results.values():
        if res["ok"]:
            res["wall"] = min(r["wall"] for r in res["runs"])
            rss = [r["maxrss_kib"] for r in res["runs"] if r["maxrss_kib"] is not None]
            res["maxrss_mib"] = max(rss) / 1024 if rss else float("nan")
    return results


def round_ratios(results: dict[str, dict[str, Any]], name: str = "motcua") -> list[float]:
    """pandas/`name` wall time of each round both sides ran."""
    m, p = results[name]["runs"], results["pandas"]["runs"]
    return [b["wall"] / a["wall"] for a, b in zip(m, p) if a["ok"] and b["ok"]]


SPEED_TARGET = 10.0
ACCURACY_TARGET = 0.995


def target_verdict(results: dict[str, dict[str, Any]], ratios: dict[str, list[float]], peer_jsonl: bool) -> dict[str, Any]:
    """The issue's targets on the side writing the peer's keys: the median of its round ratios and
    its accuracy, or why they cannot be judged from this run."""
    side = "motcua-contract"
    if not peer_jsonl or side not in results:
        return {"judged": False, "why": "needs --peer-jsonl and --fields contract (or all,contract)"}
    r = results[side]
    if not r["ok"] or not results["pandas"]["ok"] or not ratios.get(side):
        return {"judged": False, "why": f"{side} or pandas failed"}
    median = statistics.median(ratios[side])
    acc = r["accuracy"]["accuracy"]
    return {"judged": True, "side": side, "median_ratio": median, "accuracy": acc,
            "speed_met": median >= SPEED_TARGET, "accuracy_met": acc >= ACCURACY_TARGET}


def startup_time(cmd: list[str], runs: int, workdir: Path) -> float | None:
    walls = []
    for _ in range(runs):
        r = run_child(cmd, workdir / "startup.log")
        if not r["ok"]:
            return None
        walls.append(r["wall"])
    return min(walls)


# ---------------------------------------------------------------- reading results

def read_expected(path: Path) -> pd.DataFrame:
    e = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in KEYS + FIELDS if c not in e.columns]
    if missing:
        sys.exit(f"{path}: no column(s) {missing}")
    return e


def read_jsonl(path: Path) -> pd.DataFrame:
    """results.jsonl (motcua's, or the peer's with --peer-jsonl): one object per row; only the
    compared keys are kept, null -> ''."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            rows.append(tuple("" if o.get(k) is None else str(o.get(k)) for k in KEYS + FIELDS))
    return pd.DataFrame(rows, columns=KEYS + FIELDS)


def read_peer(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)[KEYS + FIELDS]


def accuracy(expected: pd.DataFrame, got: pd.DataFrame) -> dict[str, Any]:
    got = got.drop_duplicates(KEYS)
    m = expected.merge(got, how="left", on=KEYS, suffixes=("", "_got"), indicator=True)
    present = m["_merge"].eq("both")
    right = present.copy()
    for c in FIELDS:
        right &= m[c].eq(m[c + "_got"].fillna(""))
    m["right"] = right

    def table(col: str) -> dict[str, dict[str, Any]]:
        g = m.groupby(col, sort=True)["right"].agg(["sum", "size"])
        return {str(k): {"right": int(v["sum"]), "n": int(v["size"]), "accuracy": v["sum"] / v["size"]} for k, v in g.iterrows()}

    wrong = m[~right & present]
    confusion = (wrong.groupby(["class", "class_got"]).size().sort_values(ascending=False).head(12))
    out = {
        "right": int(right.sum()), "n": len(m), "accuracy": float(right.mean()) if len(m) else float("nan"),
        "absent": int((~present).sum()),
        "class_right": int(m["class"].eq(m["class_got"].fillna("")).sum()),
        "per_class": table("class"),
        "confusion": [{"expected": a, "got": b, "n": int(n)} for (a, b), n in confusion.items()],
    }
    if "mangling" in m.columns:
        out["per_mangling"] = table("mangling")
    return out


# ---------------------------------------------------------------- machine

def machine(python: str) -> dict[str, Any]:
    info: dict[str, Any] = {"nproc": os.cpu_count(), "os": platform.platform(), "python": platform.python_version(),
                            "pandas": pd.__version__, "numpy": pkg_version("numpy")}
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
    except OSError:
        pass
    info.setdefault("cpu", platform.processor() or "unknown")
    try:
        info["nproc"] = int(subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip())
    except (OSError, ValueError):
        pass
    info["loadavg"] = os.getloadavg()
    if python != sys.executable:
        info["peer_python"] = subprocess.run([python, "-c", "import sys, pandas; print(sys.version.split()[0], pandas.__version__)"],
                                             capture_output=True, text=True).stdout.strip()
    return info


def count_lines(path: Path) -> int:
    """Data rows of a CSV (quoted fields hold no newlines in these layouts)."""
    with open(path, "rb") as f:
        return sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b"")) - 1


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--motcua", default=str(ROOT / "target/release/motcua"), help="the CLI (default target/release/motcua)")
    ap.add_argument("--motcua-pgo", metavar="BIN",
                    help="another build of the CLI (target/pgo/release/motcua from `cargo run -p xtask -- pgo`) timed "
                         "in the same rounds; its output must equal --motcua's byte for byte")
    ap.add_argument("--bank-lines", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="best of K fresh children per side (default 3)")
    ap.add_argument("--scenario", type=Path, help="use this directory instead of generating one")
    ap.add_argument("--workdir", type=Path, help="default: a new temporary directory under bench/out/")
    ap.add_argument("--python", default=sys.executable, help="interpreter for the peer (default: this one)")
    ap.add_argument("--cpu", default="0", help="the core both sides are pinned to (taskset -c CPU, default 0)")
    ap.add_argument("--no-pin", action="store_true", help="do not wrap the children in taskset")
    ap.add_argument("--keep", action="store_true", help="keep the generated scenario and both outputs")
    ap.add_argument("--peer-jsonl", action="store_true",
                    help="the peer writes JSON Lines with the contract's seven keys instead of the 5-column CSV")
    ap.add_argument("--fields", default="all",
                    help="comma-separated values of `motcua reconcile --fields` (all, contract), a side per build "
                         "and value (default all)")
    a = ap.parse_args()
    fields = a.fields.split(",")
    if not fields or any(f not in ("all", "contract") for f in fields) or len(set(fields)) != len(fields):
        ap.error("--fields: a comma-separated list of all, contract")

    (BENCH / "out").mkdir(exist_ok=True)
    workdir = a.workdir or Path(tempfile.mkdtemp(prefix=f"recon-{datetime.now():%Y%m%d-%H%M%S}-", dir=BENCH / "out"))
    workdir.mkdir(parents=True, exist_ok=True)
    motcua = str(Path(a.motcua).resolve()) if Path(a.motcua).exists() else a.motcua
    pin: list[str] = []
    if not a.no_pin:
        if shutil.which("taskset"):
            pin = ["taskset", "-c", a.cpu]
        else:
            print("warning: taskset not found, children are not pinned", file=sys.stderr)
    summary: dict[str, Any] = {"machine": machine(a.python), "pin": pin, "runs": a.runs, "workdir": str(workdir),
                               "rss_from": "GNU time %M" if GNU_TIME else "os.wait4 ru_maxrss (includes the harness's pre-exec image)"}
    if not GNU_TIME:
        print("warning: /usr/bin/time not found: peak RSS from os.wait4, inflated by the harness's own image "
              "(apt-get install time)", file=sys.stderr)
    ok = True

    # 1. scenario
    generated = a.scenario is None
    if generated:
        scen = workdir / "scenario"
        cmd = [motcua, "scenario", "recon", "--seed", str(a.seed), "--bank-lines", str(a.bank_lines), "--out", str(scen)]
        print(f"-- scenario: {' '.join(cmd)}", flush=True)
        r = run_child(cmd, workdir / "scenario.log")
        if not r["ok"]:
            print(f"cannot generate the scenario ({r.get('error') or 'exit code ' + str(r['rc'])}); "
                  f"build the CLI (cargo build --release -p motcua-cli) or pass --scenario DIR:\n"
                  + tail(workdir / "scenario.log"), file=sys.stderr)
            return 1
        print(f"   {r['wall']:.2f} s", flush=True)
        summary["scenario_generation_s"] = r["wall"]
    else:
        scen = a.scenario.resolve()
    absent = [f for f in FILES if not (scen / f).is_file()]
    if absent:
        sys.exit(f"{scen}: missing {absent}")
    n_bank, n_pay, n_dossiers = (count_lines(scen / f) for f in ("bank.csv", "payments.csv", "dossiers.csv"))
    n_input = n_bank + n_pay
    summary["scenario"] = {"dir": str(scen), "seed": a.seed if generated else None, "bank_lines": n_bank,
                           "payments": n_pay, "dossiers": n_dossiers}
    print(f"   {scen}: {n_dossiers} dossiers, {n_pay} payment attempts, {n_bank} bank lines", flush=True)
    inputs = ["--dossiers", str(scen / "dossiers.csv"), "--payments", str(scen / "payments.csv"), "--bank", str(scen / "bank.csv")]

    # 2-3. timing
    p_out = workdir / ("pandas.jsonl" if a.peer_jsonl else "pandas.csv")
    summary["peer_output"] = p_out.name
    builds = [("motcua", motcua)]
    if a.motcua_pgo:
        builds.append(("motcua-pgo", str(Path(a.motcua_pgo).resolve()) if Path(a.motcua_pgo).exists() else a.motcua_pgo))
    # side -> (build, the first build's side with the same fields, which a PGO side must equal)
    mine_of: dict[str, tuple[str, str]] = {}
    sides = []
    for build, binary in builds:
        for f in fields:
            name = build if f == "all" else f"{build}-{f}"
            out = workdir / f"{name}.jsonl"
            mine_of[name] = (build, "motcua" if f == "all" else f"motcua-{f}")
            sides.append((name, pin + [binary, "reconcile", *inputs, "--out", str(out), "--fields", f], out))
    sides.insert(1, ("pandas", pin + [a.python, str(BENCH / "recon_pandas.py"), *inputs, "--out", str(p_out)], p_out))
    outs = {name: out for name, _, out in sides}
    mine = list(mine_of)
    results = bench_sides(sides, a.runs, workdir)
    summary["round_ratios"] = {name: round_ratios(results, name) for name in mine}
    peer_startup = startup_time(pin + [a.python, "-c", "import pandas"], a.runs, workdir)
    summary["peer_startup_s"] = peer_startup

    # 4. accuracy
    expected = read_expected(scen / "expected.csv")
    for name, _, out in sides:
        res = results[name]
        build, same = mine_of.get(name, ("pandas", ""))
        if res["ok"] and build == "motcua-pgo":
            # The same engine built another way: the same bytes, or a failure.
            if results[same]["ok"] and out.read_bytes() == outs[same].read_bytes():
                res["accuracy"] = results[same]["accuracy"]
            else:
                res.update(ok=False, error=f"{out.name} differs from {outs[same].name}")
        elif res["ok"]:
            try:
                reader = read_peer if name == "pandas" and not a.peer_jsonl else read_jsonl
                res["accuracy"] = accuracy(expected, reader(out))
            except (ValueError, KeyError, json.JSONDecodeError) as e:
                res.update(ok=False, error=f"cannot read {out}: {e}")
        ok &= res["ok"]
    summary["tools"] = results

    # 5. report
    mi = summary["machine"]
    print()
    print(f"Machine: {mi['cpu']}, nproc {mi['nproc']}, load {' '.join(f'{x:.2f}' for x in mi['loadavg'])}; "
          f"{mi['os']}; Python {mi['python']}, pandas {mi['pandas']}, numpy {mi['numpy']}"
          + (f"; peer interpreter: Python/pandas {mi['peer_python']}" if "peer_python" in mi else ""))
    print(f"Scenario: {scen} ({n_bank} bank lines, {n_pay} payment attempts, {n_dossiers} dossiers; "
          f"{len(expected)} expected rows). Children {'pinned with ' + ' '.join(pin) if pin else 'not pinned'}; "
          f"best of {a.runs}; rows/s = (bank lines + payment attempts) / wall; peak RSS from {summary['rss_from']}.")
    print()
    print("| tool | wall s | rows/s | peak RSS MiB | accuracy | pandas / tool wall |")
    print("|---|---:|---:|---:|---:|---:|")
    pw = results["pandas"].get("wall") if results["pandas"]["ok"] else None
    for name, _, _ in sides:
        r = results[name]
        if not r["ok"]:
            print(f"| {name} | failed: {r['error']} | | | | |")
            continue
        acc = r.get("accuracy", {})
        ratio = f"{pw / r['wall']:.2f}" if pw else "n/a"
        print(f"| {name} | {r['wall']:.3f} | {n_input / r['wall']:,.0f} | {r['maxrss_mib']:.1f} | "
              f"{acc.get('accuracy', float('nan')):.4f} | {ratio} |")
    for name, ratios in summary["round_ratios"].items():
        if ratios:
            print(f"\npandas/{name} round by round (the sides take turns): {', '.join(f'{x:.2f}' for x in ratios)}; "
                  f"median {statistics.median(ratios):.2f}")
    for name, (build, same) in mine_of.items():
        if build == "motcua-pgo" and results[name]["ok"]:
            print(f"{name} wrote the same bytes as {same}.")
    if peer_startup is not None:
        print(f"\nPeer start-up alone (python -c 'import pandas', pinned): {peer_startup:.3f} s, included in its wall time.")
    if results["pandas"].get("phases"):
        print(f"Peer phases (last run): {results['pandas']['phases'][0]}")

    ok_tools = [n for n in (mine[0], "pandas") if results[n]["ok"]]
    for title, key in (("expected class", "per_class"), ("mangling", "per_mangling")):
        if not ok_tools or key not in results[ok_tools[0]]["accuracy"]:
            continue
        cats = results[ok_tools[0]]["accuracy"][key]
        print(f"\nAccuracy per {title}:\n")
        print(f"| {title} | n | " + " | ".join(ok_tools) + " |")
        print("|---|---:|" + "---:|" * len(ok_tools))
        for cat, v in cats.items():
            cells = [f"{results[t]['accuracy'][key][cat]['accuracy']:.4f}" for t in ok_tools]
            print(f"| {cat or '(none)'} | {v['n']} | " + " | ".join(cells) + " |")
    for t in ok_tools:
        acc = results[t]["accuracy"]
        if acc["absent"]:
            print(f"\n{t}: {acc['absent']} expected (source, id) pairs have no row in its output")
        if acc["confusion"]:
            print(f"\n{t}: most frequent wrong classes (expected -> got): "
                  + ", ".join(f"{c['expected']} -> {c['got'] or '(none)'}"
                              + (" (other dossier/reference)" if c["expected"] == c["got"] else "") + f" {c['n']}"
                              for c in acc["confusion"]))
    for t in results:
        if not results[t]["ok"]:
            print(f"\n{t} FAILED: {results[t]['error']}" + (f"\n{results[t].get('output_tail', '')}" if results[t].get("output_tail") else ""))

    v = target_verdict(results, summary["round_ratios"], a.peer_jsonl)
    summary["target"] = v
    if v["judged"]:
        met = {True: "met", False: "NOT met"}
        print(f"\nIssue targets, {v['side']} (the peer's keys): speed {v['median_ratio']:.2f}x by the median of rounds "
              f"(>= {SPEED_TARGET:.0f}x: {met[v['speed_met']]}); accuracy {v['accuracy']:.4f} "
              f"(>= {ACCURACY_TARGET}: {met[v['accuracy_met']]})"
              + ("" if n_bank >= 1_000_000 else f"; {n_bank:,} bank lines, below the issue's 1,000,000"))
    else:
        print(f"\nIssue targets not judged: {v['why']}")

    (workdir / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    print(f"\nFull result: {workdir / 'summary.json'}")
    if not a.keep:
        for out in outs.values():
            out.unlink(missing_ok=True)
        if generated:
            shutil.rmtree(scen, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
