#!/usr/bin/env bash
# A/B of fs.copy settings on the bench/fs-copy tree: every variant runs once per repetition, in an order that
# rotates, with the page cache dropped before each, so slow phases of a shared disk hit all variants alike.
# Usage: bash bench/fs-copy/tune.sh <repetitions> <folder on the disk to test> <variant>...
#   a variant is "cp" (cp -a), "cp-sync" (cp -a; sync) or harness arguments in one word-split string,
#   e.g. "--no-verify --parallel 4"
set -euo pipefail
reps=$1; base=$2; shift 2
variants=("$@")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "$base/fs-copy-tune.XXXXXX")
trap 'rm -rf "$work"' EXIT
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish "$here" -c Release -r "$rid" --self-contained false -o "$work/bench" -nologo -v q >/dev/null
bash "$here/make-tree.sh" "$work/src"
drop() { sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true; }
: >"$work/results.tsv"
n=${#variants[@]}
for r in $(seq 1 "$reps"); do
  for k in $(seq 0 $((n - 1))); do
    v=${variants[$(( (k + r) % n ))]}
    rm -rf "$work/dst"; drop
    a=$(date +%s%N)
    case $v in
      cp) cp -a "$work/src" "$work/dst" ;;
      cp-sync) cp -a "$work/src" "$work/dst"; sync ;;
      # shellcheck disable=SC2086
      *) "$work/bench/fs-copy-bench" "$work/src" "$work/dst" $v >/dev/null ;;
    esac
    b=$(date +%s%N)
    printf '%s\t%s\n' "$v" $(( (b - a) / 1000000 )) >>"$work/results.tsv"
  done
done
echo "## load: $(cut -d' ' -f1-3 /proc/loadavg); whole-process wall time, ms"
python3 - "$work/results.tsv" <<'PY'
import sys, statistics, collections
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    name, ms = line.rstrip('\n').split('\t')
    runs.setdefault(name, []).append(int(ms))
print('| variant | runs [ms] | median [ms] |')
print('|:---|:---|---:|')
for name, values in runs.items():
    print(f"| {name} | {' '.join(map(str, values))} | {statistics.median(values):.0f} |")
PY
