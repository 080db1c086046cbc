#!/usr/bin/env bash
# Phase 70: the in-server virtual microphone on PipeWire, headless: pipewire + wireplumber + pipewire-pulse on a
# private session dbus in a private XDG_RUNTIME_DIR (scripts/live/private-pipewire.sh).
#   start     the private PipeWire answers `pactl info` through pipewire-pulse (if it cannot start, the phase is
#             skipped with the server's own error text)
#   in-server HostApp InServerMicTests through pipewire-pulse's pactl: `virtual-mic --in-server` (module-ladspa-sink
#             is PipeWire's filter-chain there) carries denoised speech; --remove restores the modules; a failing
#             replacement leaves the working mic, a --plugin path with a space loads
#   speaker   HostApp InServerSpeakerTests: `virtual-speaker --in-server --output NULL_SINK` (module-ladspa-sink
#             playing on the null sink): a file played into it comes out denoised, its speech-free floor >= 5 dB lower
#             than the input's here (10 dB on PulseAudio: in PipeWire's filter-chain the plugin attenuates about 7 dB
#             less, the in-server mic alike; see InServerSpeakerTests); virtual-mic leaves it alone; --remove restores
#             the modules
#   persist   HostApp InServerPersistTests: `virtual-mic --in-server --persist` writes a pipewire-pulse.conf.d file
#             (XDG_CONFIG_HOME is private); after pipewire-pulse restarts the mic is back and records denoised speech;
#             --unpersist leaves the config files byte-identical
#   conf      `virtual-mic --pipewire-conf` output, dropped into pipewire.conf.d of a fresh private PipeWire, loads:
#             its source node appears and the log has no filter-chain error
# Needs artifacts/ladspa/rtdenoise_ladspa.so (phase 40 builds it; scripts/build-ladspa.sh) and the Release builds.
source "$(dirname "$0")/lib-phase.bash" pipewire
have() { command -v "$1" >/dev/null 2>&1; }
echo "--- 70-pipewire"
so=$root/artifacts/ladspa/rtdenoise_ladspa.so
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise
tests=$root/tests/HostApp.Tests/bin/Release/net10.0/RtDenoise.HostApp.Tests
missing=()
for c in pipewire pipewire-pulse wireplumber dbus-daemon pactl paplay parecord; do have "$c" || missing+=("$c"); done
[[ -f "$so" ]] || missing+=("$so (scripts/build-ladspa.sh)")
[[ -x "$app" ]] || missing+=("$app")
[[ -x "$tests" ]] || missing+=("$tests")
if [[ ${#missing[@]} -gt 0 ]]; then
  skip "PipeWire checks (missing: ${missing[*]}; apt-get install pipewire pipewire-pulse wireplumber dbus pulseaudio-utils)"
  skipped=$((skipped + 4)); result; exit 0
fi
source "$root/scripts/live/private-pipewire.sh"
trap 'pipewire_stop; [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"' EXIT

if ! pipewire_start "$work/pw" 2>"$work/start.err"; then
  skip "PipeWire does not run headless here: $(grep -hiE 'error|fail|E ' "$work"/pw/*.log "$work/start.err" 2>/dev/null | head -3 | tr '\n' ' ')"
  skipped=$((skipped + 4)); result; exit 0
fi
pass "private PipeWire $(pactl info | sed -n 's/^Server Name: //p') answers pactl"

# One HostApp test class through pipewire-pulse: CLASS TOTAL DIAG-PREFIX WHAT (the pass line's text).
pipewire_class() {
  local class=$1 total=$2 prefix=$3 what=$4 log=$work/$1.log rc diag
  RTDENOISE_LADSPA_SO=$so timeout -k 5 240 "$tests" -noColor -diagnostics -class "RtDenoise.HostApp.Tests.Live.$class" >"$log" 2>&1
  rc=$?
  diag=$(grep -o "$prefix: .*" "$log" | head -1)
  if [[ $rc == 0 ]] && grep -qE "Total: $total, Errors: 0, Failed: 0, Skipped: 0" "$log"; then
    pass "on PipeWire: $what ($diag)"
  else
    grep -vE '^\s+at ' "$log" | tail -15; fail "on PipeWire: $what (exit $rc)"
  fi
}
pipewire_class InServerMicTests 2 "in-server mic" \
  "virtual-mic --in-server carries denoised speech; --remove restores the modules; a failing replacement leaves the working mic"
pipewire_class InServerSpeakerTests 1 "virtual speaker" \
  "virtual-speaker --in-server: a played file comes out denoised (speech-free floor >= 5 dB lower; 10 dB is not met on PipeWire yet); virtual-mic leaves it alone; --remove restores the modules"

RTDENOISE_TEST_SERVER_RESTART=$root/scripts/live/private-pipewire.sh RTDENOISE_LADSPA_SO=$so timeout -k 5 240 \
  "$tests" -noColor -diagnostics -class RtDenoise.HostApp.Tests.Live.InServerPersistTests >"$work/persist.log" 2>&1
rc=$?
diag=$(grep -o 'persisted mic after .*' "$work/persist.log" | head -1)
if [[ $rc == 0 ]] && grep -qE 'Total: 1, Errors: 0, Failed: 0, Skipped: 0' "$work/persist.log"; then
  pass "virtual-mic --in-server --persist: after a pipewire-pulse restart the mic is back and records denoised speech; --unpersist leaves the config byte-identical ($diag)"
else
  grep -vE '^\s+at ' "$work/persist.log" | tail -15; fail "virtual-mic --in-server --persist on PipeWire (exit $rc)"
fi
pipewire_stop

mkdir -p "$work/conf.d"
if "$app" virtual-mic --pipewire-conf --plugin "$so" --name rtd_pwconf >"$work/conf.d/rtdenoise.conf" 2>"$work/conf.err"; then
  PIPEWIRE_CONF_D=$work/conf.d pipewire_start "$work/pw2" 2>"$work/start2.err"
  found=$(timeout -k 5 10 pactl list short sources 2>/dev/null | awk '$2=="rtd_pwconf"{print $2}')
  errors=$(grep -iE 'filter-chain|ladspa' "$work"/pw2/pipewire.log 2>/dev/null | grep -iE 'error|fail|E ' | head -3)
  if [[ "$found" == rtd_pwconf && -z "$errors" ]]; then
    pass "--pipewire-conf loads in PipeWire (source rtd_pwconf from the filter-chain)"
  else
    cat "$work/conf.d/rtdenoise.conf"; echo "$errors"; tail -5 "$work"/pw2/pipewire.log
    fail "--pipewire-conf does not load (source ${found:-absent})"
  fi
  pipewire_stop
else
  cat "$work/conf.err"; fail "virtual-mic --pipewire-conf"
fi
result
