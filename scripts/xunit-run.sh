#!/usr/bin/env bash
# Runs one xunit.v3 test executable (or `dotnet X.dll`) and prints its counts as a machine-readable line:
#   PHASE-RESULT passed=N failed=N skipped=N label=LABEL
# Usage: scripts/xunit-run.sh LABEL COMMAND... (extra env goes in front: env VAR=1 scripts/xunit-run.sh ...)
set -uo pipefail
label=$1; shift
log=$(mktemp)
"$@" -noColor 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
line=$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+' "$log" | tail -1)
# The failed tests' names ride on the result line, so the end of a CI log says which ones failed.
failed_names=$(grep -E ' \[FAIL\]$' "$log" | sed -E 's/^\s+//; s/ \[FAIL\]$//; s/\(.*$//; s/^.*\.([^.]+\.[^.]+)$/\1/' | sort -u | head -8 | paste -sd ';' -)
rm -f "$log"
if [[ -z "$line" ]]; then
  echo "PHASE-RESULT passed=0 failed=1 skipped=0 label=$label (runner crashed, exit $rc)"
  exit 1
fi
num() { sed -E "s/.*$1: ([0-9]+).*/\1/" <<<"$line"; }
total=$(num Total); errors=$(num Errors); failed=$(num Failed); skipped=$(num Skipped)
notrun=$(sed -E 's/.*Not Run: ([0-9]+).*/\1/' <<<"$line"); [[ "$notrun" =~ ^[0-9]+$ ]] || notrun=0
passed=$((total - failed - skipped - notrun))
failed=$((failed + errors))
if [[ $rc -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "PHASE-RESULT passed=$passed failed=$failed skipped=$skipped label=$label${failed_names:+ (failed: $failed_names)}"
