#!/usr/bin/env bash
# Phase 15: the kernel suite built in Debug, so the Debug.Assert preconditions of the SIMD kernels (job shapes,
# alignment, code widths; compiled out of Release) run against every path the CPU has. A failed Debug.Assert ends the
# test process (.NET's default listener calls FailFast), which xunit-run.sh reports as a crashed runner.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "--- 15-debug-asserts"
if ! dotnet build tests/Kernels.Tests -c Debug >/tmp/rtdenoise-debug-build.$$.log 2>&1; then
  grep -E 'error' /tmp/rtdenoise-debug-build.$$.log | head -20
  rm -f /tmp/rtdenoise-debug-build.$$.log
  echo "PHASE-RESULT passed=0 failed=1 skipped=0 label=kernels[Debug] (failed: Debug build)"
  exit 0
fi
rm -f /tmp/rtdenoise-debug-build.$$.log
"$root/scripts/xunit-run.sh" "kernels[Debug]" "$root/tests/Kernels.Tests/bin/Debug/net10.0/RtDenoise.Kernels.Tests" | grep -E '^PHASE-RESULT|\[FAIL\]|Total:'
