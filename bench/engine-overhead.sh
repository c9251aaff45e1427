#!/usr/bin/env bash
# Engine overhead per step (issue #3), in one process on one disk: checkpointed no-op steps (flow.log) against bare
# fdatasync'ed appends (target <= 2x), and exec steps running /bin/true against bash spawning /bin/true (target
# <= 1.2x). Figures go into docs/benchmarks.md by hand.
# Usage: bash bench/engine-overhead.sh [--steps 2000] [--spawns 300] [--repeat 3] [--dir DIR] [--keep]
# --dir must be on the disk that holds the state directory (the default, a new folder under $TMPDIR, is not if
# /tmp is a tmpfs; the program warns then).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/RunbookEngine.Bench.Engine -- "$@"
