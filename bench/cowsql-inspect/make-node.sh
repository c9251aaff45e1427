#!/usr/bin/env bash
# Builds a ~100 MB dqlite node directory with a real dqlite-demo (Debian go-dqlite) for the
# cowsql.inspect benchmark: one node, WRITES demo PUTs (default 10000, ≈ 8.3 KB of raft log each),
# then SIGKILL so that open segments with entries are left behind (the parser's worst case: their
# payload checksums decide where the log ends). Ports 127.0.0.1:8479 and 9479 must be free.
# Usage: make-node.sh <data-dir> [writes]   → node directory <data-dir>/127.0.0.1:9479
set -euo pipefail
data=$1; writes=${2:-10000}
[ -e "$data" ] && { echo "$data exists" >&2; exit 2; }
mkdir -p "$data"
dqlite-demo --dir "$data" --api 127.0.0.1:8479 --db 127.0.0.1:9479 >"$data.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:8479/probe && break; sleep 0.1; done
# One keep-alive curl per 500 writes: much faster than a process per write.
for start in $(seq 1 500 "$writes"); do
  end=$((start + 499 > writes ? writes : start + 499))
  args=()
  for i in $(seq "$start" "$end"); do args+=(-sf -o /dev/null -X PUT -d "value$i" "http://127.0.0.1:8479/key$i" --next); done
  curl "${args[@]:0:${#args[@]}-1}"
done
kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
du -sh "$data/127.0.0.1:9479"
