#!/usr/bin/env bash
# Compares NodeInspector.Inspect (this harness) with `dqlite .reconfigure` on the same ~100 MB node
# directory (make-node.sh), the A.3 way of finding the last index. Three measurements:
#  1. hyperfine, whole processes, files warm in the page cache;
#  2. hyperfine, whole processes, every file evicted first (posix_fadvise DONTNEED, as in the
#     reference's §6 measurement);
#  3. max RSS of each process (/usr/bin/time), and the time spent inside Inspect (first and later calls).
# .reconfigure rewrites the directory, so every command's --prepare makes a fresh copy (for all
# commands alike, so they share the same cache and writeback conditions).
# Usage: run.sh <node-dir> [runs]     Needs go-dqlite, hyperfine, python3.
set -euo pipefail
node=$(readlink -f "$1"); runs=${2:-15}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/cowsql-bench.XXXXXX); trap 'rm -rf "$work"' EXIT
# Published like the runbook CLI (bench/validate-startup.sh): Release, ReadyToRun, framework-dependent.
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
dotnet publish "$here" -c Release -r "$rid" --self-contained false -o "$work/bench" -nologo -v q >/dev/null
dotnet publish "$here/../hello" -c Release -r "$rid" --self-contained false -o "$work/hello" -nologo -v q >/dev/null
bench="$work/bench/cowsql-inspect-bench"
printf -- '- Address: 127.0.0.1:9479\n  ID: 3297041220608546238\n  Role: 0\n' >"$work/target.yaml"
cat >"$work/evict.py" <<'PY'
import os, sys
for d in sys.argv[1:]:
    for f in os.listdir(d):
        fd = os.open(os.path.join(d, f), os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
PY
copy="rm -rf $work/copy && cp -a $node $work/copy && sync"
reconfigure="dqlite -s 127.0.0.1:1 demo \".reconfigure $work/copy $work/target.yaml\""
commands=(-n hello "$work/hello/hello"
          -n inspect "$bench time $node 1"
          -n inspect-headers-only "$bench time $node 1 --headers-only"
          -n reconfigure "$reconfigure")

echo "## $(du -sb "$node" | cut -f1) bytes, $(ls "$node" | wc -l) files: $node"
echo "## load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "## warm"
hyperfine -N --warmup 2 --runs "$runs" --prepare "bash -c '$copy'" --export-markdown "$work/warm.md" "${commands[@]}" >/dev/null
cat "$work/warm.md"
echo "## evicted"
hyperfine -N --runs "$runs" --prepare "bash -c '$copy && python3 $work/evict.py $node $work/copy'" --export-markdown "$work/evicted.md" "${commands[@]}" >/dev/null
cat "$work/evicted.md"
echo "## max RSS (KB), 3 runs each"
for i in 1 2 3; do
  bash -c "$copy"
  for what in hello inspect inspect-headers-only reconfigure; do
    case $what in
      hello) cmd=("$work/hello/hello") ;;
      inspect) cmd=("$bench" time "$node" 1) ;;
      inspect-headers-only) cmd=("$bench" time "$node" 1 --headers-only) ;;
      reconfigure) cmd=(dqlite -s 127.0.0.1:1 demo ".reconfigure $work/copy $work/target.yaml") ;;
    esac
    /usr/bin/time -f "$what %M" "${cmd[@]}" >/dev/null 2>"$work/rss" || { cat "$work/rss" >&2; exit 1; }
    tail -n1 "$work/rss"
  done
done
echo "## load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## inside one process: first call, then 9 more (warm)"
"$bench" time "$node" 10
"$bench" time "$node" 10 --headers-only
