#!/usr/bin/env bash
# Process time of `runbook validate runbooks/` next to a .NET hello-world, same machine, same run,
# both published Release + ReadyToRun for the same runtime identifier. Target: validate <= 2x hello.
# Two more rows show the floor the CLI's libraries set (bench/startup-floor): System.CommandLine parsing the same
# command line, then that plus YamlDotNet's parser reading every catalog file to its last event.
# Usage: bash bench/validate-startup.sh [runs]    (figures go into docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
command -v hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet publish bench/hello -c Release -r "$rid" --self-contained false -o "$out/hello" -nologo -v q
dotnet publish src/RunbookEngine.Cli -c Release -r "$rid" --self-contained false -o "$out/runbook" -nologo -v q
dotnet publish bench/startup-floor -c Release -r "$rid" --self-contained false -o "$out/floor" -nologo -v q
"$out/runbook/runbook" validate runbooks/ >/dev/null
hyperfine --shell=none --warmup 5 --runs "$runs" --export-markdown "$out/result.md" \
  -n hello "$out/hello/hello" \
  -n "runbook validate runbooks/" "$out/runbook/runbook validate runbooks/" \
  -n "runbook --help" "$out/runbook/runbook --help" \
  -n "floor: System.CommandLine" "$out/floor/startup-floor validate runbooks/" \
  -n "floor: System.CommandLine + YamlDotNet events" "$out/floor/startup-floor validate runbooks/ --yaml"
cat "$out/result.md"
