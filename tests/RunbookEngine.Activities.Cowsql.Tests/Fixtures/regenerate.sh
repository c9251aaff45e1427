#!/usr/bin/env bash
# Rebuilds the node-directory fixtures from real dqlite-demo clusters and records what the real
# tools (dqlite-demo start-up traces, dqlite ".reconfigure", raft elections) say about each one
# in crosscheck.txt. Needs Debian's go-dqlite (apt-get install -y go-dqlite), curl, python3, and
# the loopback ports 8471-8473 / 9471-9473 free. Runs in about a minute.
#
# The data differs on every run (node IDs of joining nodes are random, snapshot names carry the
# host's uptime, batching depends on timing), so after regenerating, update the expected values in
# the tests from crosscheck.txt. See README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/cowsql-fixtures.XXXXXX)"
trap 'for p in "$work"/*.pid; do [ -f "$p" ] && kill -KILL "$(cat "$p")" 2>/dev/null; done; true' EXIT
export LC_ALL=C

# ---- helpers ------------------------------------------------------------------------------------
DATA=""
launch() { # launch <n> [--join 127.0.0.1:9471]: node n = --api 127.0.0.1:847n --db 127.0.0.1:947n
  local n=$1; shift
  dqlite-demo --dir "$DATA" --api "127.0.0.1:847$n" --db "127.0.0.1:947$n" "$@" >"$DATA.node$n.log" 2>&1 &
  echo $! >"$work/node$n.pid"
}
wait_api() { # the demo serves HTTP only once its node belongs to a cluster with a leader
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:847$1/probe" && return 0; sleep 0.1; done
  echo "node $1 did not come up" >&2; return 1
}
start() { launch "$@"; wait_api "$1"; }
wait_gone() { while kill -0 "$1" 2>/dev/null; do sleep 0.1; done; }
stop_node() { local p; p=$(cat "$work/node$1.pid"); kill -TERM "$p"; wait_gone "$p"; rm "$work/node$1.pid"; }   # graceful: closes open segments
kill_node() { local p; p=$(cat "$work/node$1.pid"); kill -KILL "$p"; wait_gone "$p"; rm "$work/node$1.pid"; }  # crash: leaves open-N files
put() { # put <node> <from> <to>: PUT /key<i> = value<i> through node's demo API
  for i in $(seq "$2" "$3"); do curl -sf -m 10 -X PUT -d "value$i" "http://127.0.0.1:847$1/key$i" >/dev/null; done
}
wait_leader() { # wait_leader <servers>
  for _ in $(seq 1 150); do
    l=$(dqlite -s "$1" demo .leader 2>/dev/null || true); [ -n "$l" ] && { echo "$l"; return 0; }; sleep 0.2
  done; echo "no leader" >&2; return 1
}
# Open segments are preallocated to 8 MiB of zeros. Keep the written blocks plus one zero block
# (so the clean "entry count 0" end stays in the file); an all-zero file keeps one block.
compact_open() {
  for f in "$1"/open-*; do
    python3 - "$f" <<'PY'
import sys
path = sys.argv[1]
data = open(path, 'rb').read()
block = 4096
last = max((i for i in range(0, len(data), block) if any(data[i:i + block])), default=-block)
keep = min(len(data), last + 2 * block)
open(path, 'r+b').truncate(keep)
PY
  done
}
# Closed segments that end at or before the latest snapshot's index are only trailing history.
drop_closed_covered_by_snapshot() {
  local dir=$1 snap index
  snap=$(ls "$dir" | grep -E '^snapshot-[0-9]+-[0-9]+-[0-9]+$' | sort -t- -k2,2n -k3,3n | tail -n1)
  index=$(echo "$snap" | cut -d- -f3)
  for f in $(ls "$dir" | grep -E '^[0-9]{16}-[0-9]{16}$'); do
    [ $((10#${f#*-})) -le "$index" ] && rm "$dir/$f"
  done; true
}
install_node() { # install_node <src-node-dir> <fixture>/<nodeN>
  rm -rf "${here:?}/$2"; mkdir -p "$(dirname "$here/$2")"; cp -a "$1" "$here/$2"; chmod -R u+rwX,go+rX "$here/$2"
}

# ---- cross-checks against the real tools ---------------------------------------------------------
log="$here/crosscheck.txt"
strip() { sed -E 's/^(LIBRAFT|LIBDQLITE) +[0-9]+ /\1 /'; }
reconfigure() { # .reconfigure a throwaway copy; print raft's trace and the files it created/removed
  local copy="$work/recon" before after out rc
  rm -rf "$copy"; cp -a "$here/$1" "$copy"
  printf -- '- Address: 127.0.0.1:9471\n  ID: 3297041220608546238\n  Role: 0\n' >"$work/target.yaml"
  before=$(ls "$copy")
  set +e; out=$(LIBRAFT_TRACE=1 dqlite -s 127.0.0.1:1 demo ".reconfigure $copy $work/target.yaml" 2>&1); rc=$?; set -e
  after=$(ls "$copy")
  {
    echo "### .reconfigure $1 (exit $rc)"
    echo "$out" | strip | grep -vE 'uv_list.c|^goroutine|^runtime|^\s|^$|^[a-z0-9]+ +0x|^created by|^github|^main|^database|^PC=|^signal' || true
    echo "created: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    echo "removed: $(comm -23 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
    echo
  } >>"$log"
}
start_trace() { # start a copy of one node alone for 2 s: raft prints term, vote, start index, entries
  local node=$1 address=$2 n=${2: -1} d="$work/probe" rc
  rm -rf "$d"; mkdir -p "$d"; cp -a "$here/$node" "$d/$address"
  set +e
  LIBRAFT_TRACE=1 timeout -s KILL 2 dqlite-demo --dir "$d" --api "127.0.0.1:847$n" --db "$address" >"$work/probe.log" 2>&1
  rc=$?; set -e
  {
    echo "### dqlite-demo start $node as $address (exit $rc; 137 = stopped by the probe's 2 s timeout)"
    strip <"$work/probe.log" | grep -E 'start.c|uv.c:[0-9]+ (start index|no snapshot|most recent)|configuration.c:348|^Error|double free' || true
    echo
  } >>"$log"
}
elect() { # start copies of two nodes together; raft's vote rule decides who can lead
  local a=$1 b=$2 d="$work/elect" servers=""
  rm -rf "$d"; mkdir -p "$d"; DATA="$d"
  for spec in "$a" "$b"; do
    local node=${spec%%=*} address=${spec#*=}
    cp -a "$here/$node" "$d/$address"; launch "${address: -1}"; servers="$servers,$address"
  done
  leader=$(wait_leader "${servers#,}")
  echo "### election between copies of ${a%%=*} and ${b%%=*}: leader $leader" >>"$log"; echo >>"$log"
  for spec in "$a" "$b"; do address=${spec#*=}; kill_node "${address: -1}"; done
}

# ---- scenario 1: three-node cluster killed, one node lagging -------------------------------------
DATA="$work/killed"
start 1; start 2 --join 127.0.0.1:9471; start 3 --join 127.0.0.1:9471
put 1 1 10
kill_node 3                                  # node3 stops here: it lags
put 1 11 20
kill_node 1; kill_node 2                     # crash: entries stay in open-N
for n in 1 2 3; do compact_open "$DATA/127.0.0.1:947$n"; install_node "$DATA/127.0.0.1:947$n" "three-node-killed/node$n"; done

# ---- scenario 2: old leader with an uncommitted tail, new leader in a higher term ----------------
DATA="$work/diverged"
start 1; start 2 --join 127.0.0.1:9471; start 3 --join 127.0.0.1:9471
put 1 1 2
kill_node 2; kill_node 3                     # node1 is leader without a quorum now
for d in 1 2 3 4 5; do timeout 5 dqlite -s 127.0.0.1:9471 "db$d" "CREATE TABLE t$d (x INT)" >/dev/null 2>&1 & done
sleep 6                                      # the five CREATE TABLE entries stay uncommitted
kill_node 1
launch 2; launch 3                           # nodes 2 and 3 elect a leader in a new term
wait_api 2; wait_api 3
put 2 3 5
stop_node 2; stop_node 3                     # graceful: closed segments only
compact_open "$DATA/127.0.0.1:9471"
for n in 1 2 3; do install_node "$DATA/127.0.0.1:947$n" "term-divergence/node$n"; done

# ---- scenario 3: single node with a snapshot (raft snapshots every 1024 entries) -----------------
DATA="$work/single"
start 1
put 1 1 1030                                 # first snapshot at index 1024
stop_node 1
start 1; put 1 1031 1036; stop_node 1        # one more closed segment after the snapshot
cp -a "$DATA/127.0.0.1:9471" "$work/single-stage2"
start 1; put 1 1037 1040; kill_node 1        # and an open segment with entries
node="$DATA/127.0.0.1:9471"
drop_closed_covered_by_snapshot "$node"; compact_open "$node"
install_node "$node" "single-snapshot/node1"

# past-last-snapshot: the segment holding snapshot index + 1 is lost (reference §5.2, R1)
node="$work/single-stage2"
drop_closed_covered_by_snapshot "$node"
snap_index=$(ls "$node" | grep -E '^snapshot-[0-9]+-[0-9]+-[0-9]+$' | cut -d- -f3)
rm "$node/$(printf '%016d' $((snap_index + 1)))"-*
install_node "$node" "past-last-snapshot/node1"

# torn-open-truncated: open-1 cut 100 bytes before the end of its valid batches (inside the last one)
install_node "$here/single-snapshot/node1" "torn-open-truncated/node1"
: >"$log"; reconfigure single-snapshot/node1
valid_end=$(grep -oE 'truncate open segment open-1 at [0-9]+' "$log" | grep -oE '[0-9]+$')
truncate -s $((valid_end - 100)) "$here/torn-open-truncated/node1/open-1"

# ---- record the cross-checks -----------------------------------------------------------------------
{
  echo "# Real-tool cross-checks, written by regenerate.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# $(dpkg-query -W -f '${Package} ${Version}; ' go-dqlite libdqlite0 libraft2 2>/dev/null)"
  echo "# .reconfigure runs on a copy; the closed segment N-N it creates means last index = N - 1."
  echo
} >"$log"
for n in 1 2 3; do reconfigure "three-node-killed/node$n"; start_trace "three-node-killed/node$n" "127.0.0.1:947$n"; done
for n in 1 2 3; do reconfigure "term-divergence/node$n"; start_trace "term-divergence/node$n" "127.0.0.1:947$n"; done
for f in single-snapshot past-last-snapshot torn-open-truncated; do reconfigure "$f/node1"; start_trace "$f/node1" 127.0.0.1:9471; done
elect term-divergence/node1=127.0.0.1:9471 term-divergence/node2=127.0.0.1:9472
elect three-node-killed/node1=127.0.0.1:9471 three-node-killed/node3=127.0.0.1:9473
rm -rf "$work"
du -sh "$here"
