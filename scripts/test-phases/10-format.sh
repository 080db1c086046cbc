#!/usr/bin/env bash
# Phase 10: the code style gate. `dotnet format --verify-no-changes` over the solution (whitespace, style and
# analyzer rules of .editorconfig); a file it would change fails the phase and is named.
set -uo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "--- 10-format"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if dotnet format Realtime.sln --verify-no-changes --no-restore >"$log" 2>&1; then
  echo "  ok   dotnet format --verify-no-changes"
  echo "PHASE-RESULT passed=1 failed=0 skipped=0 label=format"
else
  grep -E 'error|warning' "$log" | sed -E 's/^/  /' | head -20
  echo "  FAIL dotnet format --verify-no-changes (run: dotnet format Realtime.sln)"
  echo "PHASE-RESULT passed=0 failed=1 skipped=0 label=format"
fi
