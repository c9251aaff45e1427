#!/usr/bin/env bash
# The main job: a real restore on a local 3-node dqlite cluster (dqlite is cowsql's upstream: same data layout
# and shell). Starts the cluster, writes keys, simulates a disaster, shows the plan, restores with
# cowsql/restore-new-config, and proves every key is back. Needs the .NET 10 SDK; installs go-dqlite if missing.
# Leaves nothing running. RUNBOOK_DEMO_DIR chooses the work folder (default /tmp/runbook-demo).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "demo.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 2
fi

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "installing go-dqlite if missing (dqlite-demo nodes, dqlite shell)"
bash scripts/ensure-dqlite.sh

rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
say "building the runbook CLI (ReadyToRun, $rid) into artifacts/runbook"
dotnet publish src/RunbookEngine.Cli -c Release -r "$rid" --self-contained false -o artifacts/runbook -nologo -v q
runbook="$repo/artifacts/runbook/runbook"
"$runbook" validate runbooks/

work="${RUNBOOK_DEMO_DIR:-/tmp/runbook-demo}"
case "$work" in *" "*) echo "demo.sh: RUNBOOK_DEMO_DIR must not contain spaces" >&2; exit 2;; esac
rm -rf "$work"
mkdir -p "$work/logs"
data="$work/data"

# Free loopback ports: a random port nothing answers on (bash's /dev/tcp; no extra tools needed).
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
declare -A db api pid
for n in 1 2 3 4; do db[$n]="127.0.0.1:$(free_port)"; api[$n]="127.0.0.1:$(free_port)"; done

signal_nodes() { # signal_nodes <signal>: every node this demo started, by us or by the runbook, has --dir <data> in its argv
  local p
  for p in /proc/[0-9]*; do
    # 2>/dev/null first: a node that exits between the glob and the read must not print "No such file".
    if tr '\0' ' ' 2>/dev/null <"$p/cmdline" | grep -q "^dqlite-demo --dir $data "; then kill "-$1" "${p#/proc/}" 2>/dev/null || true; fi
  done
}
cleanup() { signal_nodes TERM; sleep 1; signal_nodes KILL; }
trap cleanup EXIT

start() { # start <n> [join]
  local n=$1; shift
  setsid dqlite-demo --dir "$data" --api "${api[$n]}" --db "${db[$n]}" "$@" >>"$work/logs/node$n.log" 2>&1 &
  pid[$n]=$!
}
sql() { dqlite -s "$1" demo "$2"; }
wait_voters() { # wait_voters <count> <servers>
  for _ in $(seq 1 100); do
    if [ "$(dqlite -s "$2" demo .cluster 2>/dev/null | grep -c '|voter$')" = "$1" ]; then return 0; fi
    sleep 0.3
  done
  echo "demo.sh: the cluster did not reach $1 voters" >&2; exit 1
}
insert() { # insert <server> <from> <to>: one statement per 100 keys
  local from=$2
  while [ "$from" -le "$3" ]; do
    local to=$(( from + 99 < $3 ? from + 99 : $3 )) values="" i
    for i in $(seq "$from" "$to"); do values+="${values:+,}('k$i','value $i')"; done
    sql "$1" "INSERT INTO model(key, value) VALUES $values" >/dev/null
    from=$(( to + 1 ))
  done
}

say "starting a 3-node cluster: ${db[1]} ${db[2]} ${db[3]}"
start 1; sleep 1.5
start 2 --join "${db[1]}"; start 3 --join "${db[1]}"
wait_voters 3 "${db[1]}"
dqlite -s "${db[1]}" demo .cluster

say "writing 300 keys"
insert "${db[1]}" 1 300
echo "keys: $(sql "${db[1]}" 'SELECT count(*) FROM model')"

say "disaster: node 3 goes down, 200 more keys are written without it, then nodes 1 and 2 crash (SIGKILL)"
kill -TERM "${pid[3]}"; wait "${pid[3]}" 2>/dev/null || true
insert "${db[1]}" 301 500
echo "keys: $(sql "${db[1]}" 'SELECT count(*) FROM model') (node 3 has only 300)"
kill -KILL "${pid[1]}" "${pid[2]}"; wait "${pid[1]}" "${pid[2]}" 2>/dev/null || true
echo "node 3's machine is lost for good: its replacement is a new, empty machine at ${db[4]}"
rm -rf "$data/${db[3]}"
ls -1 "$data"

id1=$(sed -n 's/^ID: //p' "$data/${db[1]}/info.yaml"); id2=$(sed -n 's/^ID: //p' "$data/${db[2]}/info.yaml")
cat > "$work/restore.yaml" <<YAML
dataDirectory: $data
backupRoot: $work/backups
pidDirectory: $work/pids
shell: dqlite
demo: dqlite-demo
expect: "500"
nodes:
  - { address: "${db[1]}", id: "$id1", api: "${api[1]}" }
  - { address: "${db[2]}", id: "$id2", api: "${api[2]}" }
  - { address: "${db[4]}", id: "4242", api: "${api[4]}" }
YAML
say "the restore's parameters ($work/restore.yaml)"
cat "$work/restore.yaml"

say "runbook plan cowsql/restore-new-config (a dry run: nothing is changed)"
"$runbook" plan cowsql/restore-new-config --catalog runbooks --params "$work/restore.yaml"

say "runbook run cowsql/restore-new-config (approved with --yes for the demo; without it the gate asks)"
"$runbook" run cowsql/restore-new-config --catalog runbooks --params "$work/restore.yaml" --yes --state-dir "$work/state"

say "proof: every key is back, through every node, and the membership is the new one"
expected=$(for i in $(seq 1 500); do echo "k$i"; done | sort)
for n in 1 2 4; do
  got=$(sql "${db[$n]}" 'SELECT key FROM model' | sort)
  if [ "$got" != "$expected" ]; then echo "demo.sh: keys differ through ${db[$n]}" >&2; exit 1; fi
  echo "${db[$n]}: all 500 keys present (k1..k500)"
done
dqlite -s "${db[1]},${db[2]},${db[4]}" demo .cluster
say "done: the restore journal is in $work/state; 'runbook status <run-id> --state-dir $work/state' shows every step"
