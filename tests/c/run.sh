#!/usr/bin/env bash
# Builds the C vector suite with -Wall -Wextra -Werror under AddressSanitizer + UBSan against the
# static libmotcua, runs it, then runs it again under valgrind against the shared library.
# Needs cJSON (Debian: libcjson-dev) and valgrind.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
cargo build -q --manifest-path "$root/Cargo.toml" -p motcua-ffi
mkdir -p "$target/c"
cflags=(-std=c11 -Wall -Wextra -Werror -g -I"$root/include")
gcc "${cflags[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer "$root/tests/c/test_vectors.c" \
    "$target/debug/libmotcua.a" -lcjson -lpthread -ldl -lm -o "$target/c/test_vectors_asan"
ASAN_OPTIONS=detect_leaks=1 "$target/c/test_vectors_asan" "$root/tests/vectors"
gcc "${cflags[@]}" "$root/tests/c/test_vectors.c" -L"$target/debug" -lmotcua -lcjson -o "$target/c/test_vectors_shared"
LD_LIBRARY_PATH="$target/debug" valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    "$target/c/test_vectors_shared" "$root/tests/vectors"
