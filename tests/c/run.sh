#!/usr/bin/env bash
# Builds each C suite (test_vectors.c: identifiers, money, transitions, sync payloads; test_calendar.c:
# calendar and deadlines; test_payments.c: VietQR, QR images, payment platform, e-receipts; test_recon.c:
# reconciliation and status parity; test_catalog.c: the procedure catalogue) with
# -Wall -Wextra -Werror under AddressSanitizer + UBSan against the static libmotcua, runs it, then runs it
# again under valgrind against the shared library.
# Needs cJSON (Debian: libcjson-dev) and valgrind.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
cargo build -q --manifest-path "$root/Cargo.toml" -p motcua-ffi
mkdir -p "$target/c"
cflags=(-std=c11 -Wall -Wextra -Werror -g -I"$root/include")
for suite in test_vectors test_calendar test_payments test_recon test_catalog; do
    gcc "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
        "$root/tests/c/$suite.c" "$target/debug/libmotcua.a" -lcjson -lpthread -ldl -lm -o "$target/c/${suite}_asan"
    ASAN_OPTIONS=detect_leaks=1 "$target/c/${suite}_asan" "$root/tests/vectors"
    gcc "${cflags[@]}" "$root/tests/c/$suite.c" -L"$target/debug" -lmotcua -lcjson -o "$target/c/${suite}_shared"
    LD_LIBRARY_PATH="$target/debug" valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite \
        --errors-for-leak-kinds=definite "$target/c/${suite}_shared" "$root/tests/vectors"
done
