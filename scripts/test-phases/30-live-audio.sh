#!/usr/bin/env bash
# Live audio phase: starts a private PulseAudio (recipe: ../shared/docs/ci-recipes.md; all state in a scratch
# dir, null sinks noisy_in / denoised_out, source virtual_mic), runs the LiveAudio xunit tests against it
# (`rtdenoise live` and `virtual-mic` end to end: latency by cross-correlation, denoising vs the clean reference,
# xruns reported, device loss, module cleanup), then kills the daemon and waits for it. Prints PHASE-RESULT
# lines; missing prerequisites are reported as skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
label=live-audio
tests=$root/tests/HostApp.Tests/bin/Release/net10.0/RtDenoise.HostApp.Tests
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise

missing=()
command -v pulseaudio >/dev/null || missing+=(pulseaudio)
command -v pactl >/dev/null || missing+=("pactl (pulseaudio-utils)")
command -v paplay >/dev/null || missing+=("paplay/parecord (pulseaudio-utils)")
ldconfig -p 2>/dev/null | grep 'libportaudio.so.2' >/dev/null || missing+=("libportaudio.so.2 (libportaudio2)")
[[ -e /usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so || -e /usr/lib/aarch64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so ]] \
  || missing+=("ALSA pulse plugin (libasound2-plugins)")
[[ -x "$tests" ]] || missing+=("$tests (dotnet build tests/HostApp.Tests -c Release)")
[[ -x "$app" ]] || missing+=("$app (dotnet build src/HostApp -c Release)")
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "live audio phase skipped; missing: ${missing[*]}"
  echo "PHASE-RESULT passed=0 failed=0 skipped=10 label=$label (missing: ${missing[*]})"
  exit 0
fi

scratch=$(mktemp -d /tmp/rtdenoise-live.XXXXXX)
source "$root/scripts/live/private-pulse.sh"
cleanup() { pulse_stop; rm -rf "$scratch"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! pulse_start "$scratch"; then
  echo "PHASE-RESULT passed=0 failed=1 skipped=0 label=$label (private PulseAudio did not start)"
  exit 1
fi
echo "private PulseAudio pid $PULSE_PID at $PULSE_SERVER"

# Every live run is bounded: the tests bound each child process, and the whole suite gets 300 s.
timeout -k 5 300 "$root/scripts/xunit-run.sh" "$label" "$tests" -trait Category=LiveAudio -diagnostics
