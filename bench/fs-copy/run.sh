#!/usr/bin/env bash
# fs.copy against cp -a (docs/benchmarks.md, "fs.copy against cp -a").
# Builds a node-like tree (20 files of 8 MiB, 2,000 files of 100 KiB in 20 folders) in a temporary folder on
# the disk under test, then copies it within that disk: cp -a, and fs.copy with verify: false, with verify: false
# and sync: false, and with verify: true (the harness calls the activity through IActivity.ExecuteAsync, as the
# engine does). Before every copy the previous one is removed, everything is synced and, where permitted, the
# page cache is dropped, so every copy reads from the disk. The order alternates between repetitions; medians are printed.
# fs.copy makes its copy durable (syncfs) unless sync: false; cp -a does not, so `cp -a` is also shown followed
# by `sync`, timed together, which is the same amount of work. fs.copy rows give the time inside ExecuteAsync
# (what a step costs in a running engine) and the whole harness process (.NET start-up included).
# Usage: bash bench/fs-copy/run.sh [repetitions=5] [folder on the disk to test=/tmp] [extra harness arguments...]
set -euo pipefail
reps=${1:-5}
base=${2:-/tmp}
shift $(( $# < 2 ? $# : 2 ))
extra=("$@")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "$base/fs-copy-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish "$here" -c Release -r "$rid" --self-contained false -o "$work/bench" -nologo -v q >/dev/null
bench="$work/bench/fs-copy-bench"

echo "## building the tree in $work/src"
bash "$here/make-tree.sh" "$work/src"
bytes=$(find "$work/src" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$work/src" -type f | wc -l)

if (sync; echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then dropping=yes; else dropping=no; fi
drop() { sync; [ "$dropping" = yes ] && echo 3 >/proc/sys/vm/drop_caches || true; }
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

echo "## machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB,"\
  "kernel $(uname -r), $(df -T "$work" | awk 'NR==2 {print $2}') on $(df "$work" | awk 'NR==2 {print $1}'), .NET $(dotnet --version), $(cp --version | head -1)"
echo "## tree: $files files, $bytes bytes; page cache dropped before each copy: $dropping; harness arguments: ${extra[*]:-none}"
results="$work/results.tsv"
: >"$results"

run_cp() {
  rm -rf "$work/dst"; drop
  local a b c; a=$(now); cp -a "$work/src" "$work/dst"; b=$(now); sync; c=$(now)
  printf 'cp -a\t%s\ncp -a; sync\t%s\n' "$(ms "$a" "$b")" "$(ms "$a" "$c")" >>"$results"
}
run_fs() { # label, harness arguments...
  local label=$1; shift
  rm -rf "$work/dst"; drop
  local a b inside; a=$(now); inside=$("$bench" "$work/src" "$work/dst" "$@" | cut -d' ' -f1); b=$(now)
  printf '%s\t%s\n%s (whole process)\t%s\n' "$label" "$inside" "$label" "$(ms "$a" "$b")" >>"$results"
}

for r in $(seq 1 "$reps"); do
  if (( r % 2 )); then
    run_cp
    run_fs "fs.copy verify: false" --no-verify "${extra[@]}"
    run_fs "fs.copy verify: false, sync: false" --no-verify --no-sync "${extra[@]}"
    run_fs "fs.copy verify: true" "${extra[@]}"
  else
    run_fs "fs.copy verify: true" "${extra[@]}"
    run_fs "fs.copy verify: false, sync: false" --no-verify --no-sync "${extra[@]}"
    run_fs "fs.copy verify: false" --no-verify "${extra[@]}"
    run_cp
  fi
  echo "repetition $r done"
done

python3 - "$results" "$bytes" <<'PY'
import sys, statistics, collections
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    name, ms = line.rstrip('\n').split('\t')
    runs.setdefault(name, []).append(int(ms))
mib = int(sys.argv[2]) / 2**20
cp = statistics.median(runs['cp -a'])
cp_sync = statistics.median(runs['cp -a; sync'])
print('| command | runs [ms] | median [ms] | MiB/s | vs cp -a | vs cp -a; sync |')
print('|:---|:---|---:|---:|---:|---:|')
for name, values in runs.items():
    m = statistics.median(values)
    print(f"| {name} | {' '.join(map(str, values))} | {m:.0f} | {mib / (m / 1000):.0f} | {cp / m:.0%} | {cp_sync / m:.0%} |")
PY
