#!/usr/bin/env bash
# CI: a short fuzz pass over the cargo-fuzz targets in fuzz/ (see fuzz/README.md).
# Installs cargo-fuzz if missing, builds every target once, runs each for MOTCUA_FUZZ_SECONDS
# (default 30), and exits non-zero if any target finds a crash (panic, failed invariant, sanitizer
# error, timeout or OOM). The crashing input is left in fuzz/artifacts/<target>/.
#
# Toolchain: `cargo +nightly fuzz` when a nightly toolchain is installed, otherwise stable with
# RUSTC_BOOTSTRAP=1 (cargo-fuzz passes -Z flags). MOTCUA_FUZZ_TOOLCHAIN=stable forces the fallback.
# Other knobs: MOTCUA_FUZZ_TARGETS="vietqr_parse ..." (default: all), MOTCUA_FUZZ_SANITIZER
# (address | none; default address). Respects CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

secs=${MOTCUA_FUZZ_SECONDS:-30}
sanitizer=${MOTCUA_FUZZ_SANITIZER:-address}
read -r -a targets <<<"${MOTCUA_FUZZ_TARGETS:-vietqr_parse vietqr_build platform_callback receipt_check recon_reconcile catalog_search parity_check sync_validate ids_check clock_due payment_build}"

# Longest input per target: a VietQR payload is a few hundred bytes (99-character values, up to
# 4 bytes a character); a callback or a receipt is a small JSON object; the build input is
# `arbitrary` bytes; an identifier is a few dozen characters.
max_len() {
  case "$1" in
    vietqr_parse) echo 1024 ;;
    vietqr_build) echo 512 ;;
    platform_callback | receipt_check) echo 4096 ;;
    ids_check) echo 256 ;;
    *) echo 4096 ;;
  esac
}

step() { printf '\n=== %s (%ds)\n' "$*" "$SECONDS"; }

step "cargo-fuzz"
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi
cargo fuzz --version

have_nightly() {
  command -v rustup >/dev/null 2>&1 && rustup toolchain list 2>/dev/null | grep -Eq '^nightly(-| |$)'
}
if [ "${MOTCUA_FUZZ_TOOLCHAIN:-auto}" != stable ] && have_nightly; then
  fuzz=(cargo +nightly fuzz)
  rustc_version=$(rustc +nightly --version)
else
  # Stable rustc accepts the -Z flags cargo-fuzz needs when told it is bootstrapping.
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  rustc_version=$(rustc --version)
fi
echo "using: ${RUSTC_BOOTSTRAP:+RUSTC_BOOTSTRAP=1 }${fuzz[*]} ($rustc_version)"

step "build (sanitizer: $sanitizer)"
"${fuzz[@]}" build -s "$sanitizer"

failed=()
for t in "${targets[@]}"; do
  step "fuzz $t for ${secs}s"
  # Seeds: fuzz/corpus/$t/seed-* (committed); new inputs are added next to them (git-ignored).
  mkdir -p "fuzz/corpus/$t"
  if ! "${fuzz[@]}" run -s "$sanitizer" "$t" -- \
      -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1; then
    failed+=("$t")
  fi
done

step "done"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found a crash in: ${failed[*]}" >&2
  ls -l fuzz/artifacts/*/ >&2 2>/dev/null || true
  echo "reproduce: cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>" >&2
  exit 1
fi
echo "no crash in ${targets[*]} (${secs}s each, ${SECONDS}s in all)"
