#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine with only the .NET SDK.
# Unit and snapshot tests first (fast); end-to-end suites come after and can also run alone.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 2
fi

# The cowsql end-to-end tests start real dqlite nodes (cowsql's upstream; same data layout and shell).
bash scripts/ensure-dqlite.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build RunbookEngine.sln -c Release -warnaserror -nologo -v q
status=0
for project in tests/RunbookEngine.Core.Tests tests/RunbookEngine.Activities.Tests tests/RunbookEngine.Cli.Tests tests/RunbookEngine.Runbooks.Tests \
    tests/RunbookEngine.Activities.Cowsql.Tests \
    tests/RunbookEngine.Activities.OpenMldb.Tests tests/RunbookEngine.Activities.Pegasus.Tests \
    tests/RunbookEngine.Activities.DeviceDb.Tests tests/RunbookEngine.Activities.Dragonboat.Tests \
    tests/RunbookEngine.Cowsql.EndToEnd.Tests tests/RunbookEngine.EndToEnd.Tests; do
  [ -d "$project" ] || continue
  echo "==> $project"
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=1
done

# One closing line over all projects, in the plain form CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$passed" -gt 0 ] || { echo "test.sh: no test ran" >&2; exit 1; }
exit "$status"
