#!/usr/bin/env bash
# fdatasync after 0, 1 and 3 spawns of /bin/true, and after 1 ms of busy waiting instead, in C, alternating,
# 3 rounds (see sync-after-spawn.c). Figures go into docs/benchmarks.md by hand.
# Usage: bash bench/sync-after-spawn/run.sh [DIR] [N]   DIR must be on the disk under test (default: $HOME).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-$HOME}"
n="${2:-500}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gcc -O2 -Wall -Werror -o "$out/sync-after-spawn" "$here/sync-after-spawn.c"
for round in 1 2 3; do
  for k in 0 1 3; do
    "$out/sync-after-spawn" "$dir/.sync-after-spawn.$$" "$n" "$k"
  done
  "$out/sync-after-spawn" "$dir/.sync-after-spawn.$$" "$n" 0 1000
done
