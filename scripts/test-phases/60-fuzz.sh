#!/usr/bin/env bash
# Phase 60: a short AFL++ campaign (scripts/fuzz.sh, SharpFuzz-instrumented) per fuzz target of tests/Fuzz:
#   model   RtmModel.Parse          only InvalidModelException allowed
#   wav     WavReader, as the CLI   only InvalidAudioFileException allowed
#   chain   ChainSpecParser         only InvalidChainSpecException allowed
# Each target runs FUZZ_SECONDS (default 60) from the seed corpus tests/Fuzz/corpus/TARGET: no crash and no hang →
# passed; a crash or hang → failed, its inputs copied to artifacts/fuzz-findings/TARGET/ (turn each into a file in
# tests/RealtimeEngine.Tests/Fixtures/fuzz/TARGET/ and fix it). Without afl-fuzz (apt-get install afl++) or the
# SharpFuzz.CommandLine dotnet tool (fuzz.sh installs it from NuGet) every target counts as skipped, with the reason.
# Prints one PHASE-RESULT line. KEEP_WORK=1 keeps the scratch folder.
source "$(dirname "$0")/lib-phase.bash" fuzz
targets=(model wav chain)
seconds=${FUZZ_SECONDS:-60}

echo "--- 60-fuzz"
if ! command -v afl-fuzz >/dev/null; then
  for t in "${targets[@]}"; do skip "$t (afl-fuzz missing: apt-get install afl++)"; done
  result; exit 0
fi

start=$(date +%s)
for t in "${targets[@]}"; do
  out=$work/$t
  # The solution is built by scripts/test.sh before the phases; fuzz.sh builds the harness itself when it is not.
  FUZZ_NO_BUILD=1 timeout $((seconds + 600)) scripts/fuzz.sh "$t" "$seconds" "$out" >"$work/$t.log" 2>"$work/$t.err"
  code=$?
  summary=$(grep '^fuzz ' "$work/$t.log" | tail -1)
  case $code in
    0) pass "${summary:-fuzz $t}" ;;
    1)
      saved=$root/artifacts/fuzz-findings/$t
      mkdir -p "$saved"
      cp "$out"/afl/default/crashes/id:* "$out"/afl/default/hangs/id:* "$saved/" 2>/dev/null
      cat "$work/$t.log"
      fail "$summary; inputs saved in $saved (reproduce: dotnet tests/Fuzz/bin/Release/net10.0/RtDenoise.Fuzz.dll repro $t FILE)"
      ;;
    2)
      reason=$(tail -1 "$work/$t.err")
      if grep -qE 'SharpFuzz.CommandLine|afl-fuzz not found' <<<"$reason"; then
        skip "$t ($reason)"
      else
        tail -15 "$work/$t.err"; fail "$t: ${reason:-fuzz.sh could not run}"
      fi
      ;;
    *) tail -15 "$work/$t.err"; fail "$t: scripts/fuzz.sh exited with $code" ;;
  esac
done
echo "  (fuzzing took $(($(date +%s) - start)) s for ${#targets[@]} targets of $seconds s)"
result
