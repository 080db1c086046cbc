#!/usr/bin/env bash
# Runs every test of the project and ends with one line: `N passed, N failed[, N skipped]`.
#   1. builds the solution in Release (warnings are errors),
#   2. runs each xunit.v3 test executable under tests/,
#   3. reruns the SIMD-sensitive suites with the .NET 10 ISA switches (AVX-512 off, AVX2 off, all intrinsics off),
#   4. runs every extra phase in scripts/test-phases/*.sh (ARM64 under qemu, live audio, plugin hosts...);
#      each phase prints PHASE-RESULT lines and skips itself, counted, when its prerequisites are missing.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=$(mktemp)
trap 'rm -f "$results"' EXIT

if ! dotnet build Realtime.sln -c Release 2>&1 | tail -3; then :; fi
if ! dotnet build Realtime.sln -c Release --no-restore >/dev/null 2>&1; then
  dotnet build Realtime.sln -c Release --no-restore 2>&1 | grep -E 'error' | head -30
  echo "0 passed, 1 failed"
  exit 1
fi

run_suite() { # label project-dir assembly [env...]
  local label=$1 dir=$2 asm=$3; shift 3
  env "$@" "$root/scripts/xunit-run.sh" "$label" "$root/$dir/bin/Release/net10.0/$asm" | tee -a "$results"
}

run_suite kernels tests/Kernels.Tests RtDenoise.Kernels.Tests
run_suite engine tests/RealtimeEngine.Tests RtDenoise.Engine.Tests
run_suite hostapp tests/HostApp.Tests RtDenoise.HostApp.Tests
run_suite latency-bench tests/LatencyBench.Tests RtDenoise.LatencyBench.Tests
run_suite training tests/Training.Tests RtDenoise.Training.Tests

# The same binaries with hardware paths taken away (the .NET 10 knob names; see ../shared/docs/ci-recipes.md).
for knob in DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0; do
  run_suite "kernels[$knob]" tests/Kernels.Tests RtDenoise.Kernels.Tests "$knob"
  run_suite "engine[$knob]" tests/RealtimeEngine.Tests RtDenoise.Engine.Tests "$knob"
done

for phase in scripts/test-phases/*.sh; do
  [[ -e "$phase" ]] || continue
  echo "=== phase $phase"
  phase_log=$(mktemp)
  bash "$phase" 2>&1 | tee "$phase_log"
  grep '^PHASE-RESULT' "$phase_log" >>"$results" || echo "PHASE-RESULT passed=0 failed=1 skipped=0 label=$phase (printed no result)" >>"$results"
  rm -f "$phase_log"
done

passed=0 failed=0 skipped=0
while read -r line; do
  [[ "$line" == PHASE-RESULT* ]] || continue
  # Anchored at the start: a failed check's name may follow on the line.
  p=$(sed -E 's/^PHASE-RESULT passed=([0-9]+) .*/\1/' <<<"$line")
  f=$(sed -E 's/^PHASE-RESULT passed=[0-9]+ failed=([0-9]+) .*/\1/' <<<"$line")
  s=$(sed -E 's/^PHASE-RESULT passed=[0-9]+ failed=[0-9]+ skipped=([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [[ $f -gt 0 ]] && echo "FAILED: $line"
done <"$results"

if [[ $skipped -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[[ $failed -eq 0 ]]
