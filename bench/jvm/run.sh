#!/usr/bin/env bash
# JVM binding benchmark: installs the binding jar (mvn install), generates the input, then runs
# bench/jvm (a plain Maven project depending on vn.motcua:motcua:0.1.0).
#
#   bench/jvm/run.sh                       # 100,000 generated records, threads 1 and 2
#   bench/jvm/run.sh --records 20000       # smaller input
#   MOTCUA_BENCH_ARGS="--threads 1 --runs 5" bench/jvm/run.sh
#
# Env: CARGO_TARGET_DIR (default target/), MOTCUA_BENCH_FILE (skip generation, use this file).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
records=100000
if [ "${1:-}" = "--records" ]; then records="$2"; fi
target="${CARGO_TARGET_DIR:-$root/target}"

echo "== machine"
lscpu | head -n 15 || true
grep MemTotal /proc/meminfo
uname -srm
rustc --version
java -version 2>&1 | head -n 1
uptime

echo "== install the binding jar (cargo build --release inside)"
mvn -B -q -f bindings/jvm/pom.xml install -DskipTests -Dcargo.target.dir="$target"

file="${MOTCUA_BENCH_FILE:-}"
if [ -z "$file" ]; then
  file="$target/bench-sync-$records.jsonl"
  [ -s "$file" ] || python3 bench/gen_sync.py --records "$records" --out "$file"
fi

echo "== bench"
mvn -B -q -f bench/jvm/pom.xml compile exec:exec -Dbench.args="$file ${MOTCUA_BENCH_ARGS:-}"
