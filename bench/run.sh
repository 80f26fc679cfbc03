#!/usr/bin/env bash
# One command for the whole benchmark: machine info, a venv with pydantic and the motcua Python
# package built from this tree, the criterion bench of the Rust core, then motcua vs pydantic.
#
#   bench/run.sh                          # 100,000 generated records for the Python comparison
#   bench/run.sh --records 20000          # arguments go to bench/sync_vs_pydantic.py
#   MOTCUA_DUE_RECORDS=200000 bench/run.sh   # records for the due-date comparison (default 1,000,000)
#
# Env: MOTCUA_BENCH_VENV (default .venv-bench), CARGO_TARGET_DIR (default target/bench),
#      PYTHON (default python3), MOTCUA_BENCH_FILE (criterion input, default examples/sync-2025-07-15.jsonl).
# Timings are only meaningful on an otherwise idle machine: the load average is printed first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="${MOTCUA_BENCH_VENV:-$root/.venv-bench}"
python="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/bench}"

echo "== machine"
lscpu | head -n 15 || true  # head may close the pipe early
echo "nproc: $(nproc)"
grep MemTotal /proc/meminfo
uname -srm
rustc --version
"$python" --version
uptime

echo "== venv $venv"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install -q "pydantic>=2,<3" "holidays==0.109" "numpy>=2" "vietnam-qr-pay==1.0.0"
# Rebuild the binding from this tree every time, so the numbers are those of the current code.
"$venv/bin/pip" install -q --force-reinstall --no-deps ./bindings/python
"$venv/bin/python" -c 'import motcua, pydantic; motcua.validate_jsonl; print("pydantic", pydantic.VERSION)'

echo "== criterion: Rust core (cargo bench -p motcua-core --bench sync_validate)"
cargo bench -p motcua-core --bench sync_validate

echo "== Python: motcua vs pydantic"
"$venv/bin/python" bench/sync_vs_pydantic.py "$@"

echo "== criterion: Rust core due dates (cargo bench -p motcua-core --bench deadline)"
cargo bench -p motcua-core --bench deadline

echo "== Python: motcua due dates vs holidays + numpy.busday_offset"
cargo build --release -q -p motcua-cli
"$venv/bin/python" bench/deadline_peer.py --check-cli 200 --cli "$CARGO_TARGET_DIR/release/motcua" | grep -v '^  - '
"$venv/bin/python" bench/due_vs_holidays.py ${MOTCUA_DUE_RECORDS:+--records "$MOTCUA_DUE_RECORDS"}

echo "== criterion: Rust core VietQR (cargo bench -p motcua-core --bench vietqr)"
cargo bench -p motcua-core --bench vietqr

echo "== Python: VietQR peers vs motcua (agreement on the bench's own payloads, then timing)"
MOTCUA_VIETQR_DUMP="$CARGO_TARGET_DIR/vietqr-dump.jsonl" cargo bench -p motcua-core --bench vietqr
"$venv/bin/python" bench/vietqr_peer.py --check-vectors --check-dump "$CARGO_TARGET_DIR/vietqr-dump.jsonl"
"$venv/bin/python" bench/qr_vs_peer.py

echo "== Reconciliation: motcua reconcile vs the pandas peer (CSV in, results out, one core each)"
# MOTCUA_RECON_LINES: bank lines of the generated scenario (default 1,000,000); see bench/README-recon.md.
"$venv/bin/pip" install -q "pandas==2.3.3"
cargo bench -p motcua-core --bench recon
cargo build --release -q -p motcua-cli
# The same command built with profile-guided optimisation takes its turn in the same rounds, and
# each build runs twice a round: every key of a results row, and only the seven the peer writes.
cargo run -q -p xtask -- pgo
"$venv/bin/python" bench/recon_vs_pandas.py --motcua "$CARGO_TARGET_DIR/release/motcua" \
  --motcua-pgo "$CARGO_TARGET_DIR/pgo/release/motcua" --peer-jsonl --fields all,contract --runs 7 \
  --bank-lines "${MOTCUA_RECON_LINES:-1000000}"

echo "== Procedure search: motcua vs rapidfuzz (same queries, same process; see bench/README-catalog.md)"
"$venv/bin/pip" install -q "rapidfuzz==3.14.1"
cargo bench -p motcua-core --bench catalog
"$venv/bin/python" bench/catalog_vs_rapidfuzz.py --runs 3
