#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine with only the .NET SDK.
# Unit and snapshot tests first (fast); end-to-end suites come after and can also run alone.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 2
fi

dotnet build RunbookEngine.sln -c Release -warnaserror -nologo -v q
for project in tests/RunbookEngine.Core.Tests tests/RunbookEngine.Activities.Tests tests/RunbookEngine.Cli.Tests tests/RunbookEngine.Runbooks.Tests; do
  [ -d "$project" ] || continue
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal"
done
