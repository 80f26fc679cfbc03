#!/usr/bin/env bash
# Regenerates the Kotlin bindings (src/main/kotlin) from the compiled library with the workspace's
# pinned uniffi-bindgen, in library mode. With --check: regenerates into a temporary directory and
# fails if the checked-in sources differ (CI's drift check).
#   bash bindings/jvm/generate.sh            # after changing bindings/jvm/src/lib.rs
#   bash bindings/jvm/generate.sh --check
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p motcua-uniffi
cargo build -q -p uniffi-bindgen
out=bindings/jvm/src/main/kotlin
if [ "${1:-}" = "--check" ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
# --no-format: the output must not depend on whether ktlint happens to be installed.
"$target/debug/uniffi-bindgen" generate --no-format --language kotlin \
  --library "$target/release/libmotcua_uniffi.so" --out-dir "$out" >/dev/null
if [ "${1:-}" = "--check" ]; then
  diff -r bindings/jvm/src/main/kotlin "$out" || {
    echo "bindings/jvm/src/main/kotlin is out of date: run bash bindings/jvm/generate.sh" >&2
    exit 1
  }
  echo "Kotlin bindings are up to date"
fi
