#!/usr/bin/env bash
# The main job. For now: build the CLI and check the whole runbook catalog the way an SRE would
# before a change. (The cowsql issue turns this into a real restore on a local dqlite cluster.)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "demo.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 2
fi

rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
echo "==> building the runbook CLI (ReadyToRun, $rid) into artifacts/runbook"
dotnet publish src/RunbookEngine.Cli -c Release -r "$rid" --self-contained false -o artifacts/runbook -nologo -v q
runbook=artifacts/runbook/runbook

echo "==> runbook validate runbooks/"
"$runbook" validate runbooks/
echo "==> runbook list"
"$runbook" list
echo "==> runbook show examples/backup-cluster"
"$runbook" show examples/backup-cluster
echo "==> runbook graph examples/backup-cluster"
"$runbook" graph examples/backup-cluster
echo "==> a runbook with mistakes, to show what validation reports (exit 2 is expected here)"
set +e
"$runbook" validate docs/examples/broken.yaml
status=$?
set -e
[ "$status" -eq 2 ] || { echo "demo.sh: expected exit 2 from the broken example, got $status" >&2; exit 1; }
echo "==> done: the catalog is valid; add artifacts/runbook to PATH to use 'runbook' directly"
