# Sourced by the test phases (not a phase itself: scripts/test.sh runs *.sh only). Sets up what every phase shares:
# the repository root as the working directory ($root), a scratch folder ($work, removed on exit unless KEEP_WORK=1),
# the pass/fail/skip counters and `result`, which prints the phase's PHASE-RESULT line for scripts/test.sh.
# Usage: source "$(dirname "$0")/lib-phase.bash" LABEL
set -uo pipefail
phase_label=$1
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
[[ -n "${KEEP_WORK:-}" ]] || trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0 failed_names=()
pass() { echo "  ok   $1"; passed=$((passed + 1)); }
fail() { echo "  FAIL $1"; failed=$((failed + 1)); failed_names+=("${1:0:160}"); }
skip() { echo "  skip $1"; skipped=$((skipped + 1)); }
# The failed checks ride on the result line, so the end of a CI log says which ones failed, not only how many.
result() {
  local names=""
  [[ ${#failed_names[@]} -gt 0 ]] && names=" (failed: $(IFS=';'; echo "${failed_names[*]}"))"
  echo "PHASE-RESULT passed=$passed failed=$failed skipped=$skipped label=$phase_label$names"
}
