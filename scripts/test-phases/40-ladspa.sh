#!/usr/bin/env bash
# Phase 40: rtdenoise as a LADSPA plugin, checked by independent hosts.
#   build    scripts/build-ladspa.sh → artifacts/ladspa/rtdenoise_ladspa.so (NativeAOT; needs clang, zlib1g-dev)
#   analyse  Debian's analyseplugin (ladspa-sdk) lists the five ports
#   apply    applyplugin output == `rtdenoise denoise --processor dnn` after latency alignment, at 16/44.1/48 kHz
#   sox      `sox ... ladspa` (plain, latency aligned here) and `ladspa -l` (sox compensates from the latency port)
#   limits   applyplugin with Bypass=1, and with Attenuation limit=0, returns the input delayed by the latency; with
#            Attenuation limit=12 it equals `rtdenoise denoise --atten-lim 12` (one meaning of the control)
#   chain    our own host: `rtdenoise denoise --chain ladspa:rtdenoise_ladspa.so:rtdenoise` == --processor dnn
#   pulse    a private PulseAudio daemon with module-ladspa-sink running our plugin: audio played into it comes out
#            as our denoiser's output (median per-segment correlation ≥ 0.98; PulseAudio timing is not sample-exact)
#   in-server  `rtdenoise virtual-mic --in-server` in a private PulseAudio: the mic carries denoised speech (median
#            chunk SNR above the input's, quieter speech-free windows), --status declares plugin + loopback latency,
#            --remove leaves every other module as it was; a replacement with a missing --input is refused and the
#            working mic stays, a --plugin path with a space loads, a mic another mic records from is not replaced
#            (HostApp InServerMicTests, 2 tests; 70-pipewire runs them on PipeWire)
#   speaker  `rtdenoise virtual-speaker --in-server --output NULL_SINK` in a private PulseAudio: a file played into the
#            speaker is recorded from the output's monitor with its speech-free floor >= 10 dB lower than the input's;
#            virtual-mic --status/--remove leave it alone; --remove restores the module list (HostApp
#            InServerSpeakerTests, 1 test; 70-pipewire runs it on PipeWire)
#   persist  `virtual-mic --in-server --persist` appends its block to an existing default.pa (PULSE_CONFIG_PATH, a
#            copy of the private server's own script); PulseAudio restarted without -n/-F finds that file itself,
#            the mic is back and records denoised speech; --unpersist leaves the file byte-identical
#            (HostApp InServerPersistTests; 70-pipewire runs it with a pipewire-pulse.conf.d drop-in)
#   xunit    RtDenoisePluginTests (descriptor, equality with the in-process denoiser, zero allocation in run(),
#            per-block CPU time) through scripts/xunit-run.sh
# KEEP_WORK=1 keeps the scratch folder; SKIP_LADSPA_BUILD=1 reuses an existing build (both for debugging).
# Prints PHASE-RESULT lines; a missing prerequisite makes its checks count as skipped.
source "$(dirname "$0")/lib-phase.bash" ladspa

# Tolerance for equal outputs: both sides are written as 16-bit PCM, so ±1 LSB of rounding each (2/32768 ≈ 6.1e-5).
tol=0.000062

# max |a[L:] - b[:N-L]| of two mono WAVs, a delayed by L samples relative to b (sox only: no Python needed).
maxdiff() { # a b L
  local a=$1 b=$2 L=$3 n
  n=$(soxi -s "$b")
  sox "$a" "$work/_a.wav" trim "${L}s" 2>/dev/null
  sox "$b" "$work/_b.wav" trim 0 "$((n - L))s" 2>/dev/null
  sox -m -v 1 "$work/_a.wav" -v -1 "$work/_b.wav" -n stat 2>&1 |
    awk '/Maximum amplitude/{mx=$3} /Minimum amplitude/{mn=-$3} END{print (mx>mn?mx:mn)}'
}
check_equal() { # label a b L
  local d
  d=$(maxdiff "$2" "$3" "$4")
  if [[ -n "$d" ]] && awk -v d="$d" -v t="$tol" 'BEGIN{exit !(d <= t)}'; then
    pass "$1 (max diff $d, lag $4)"
  else
    fail "$1 (max diff ${d:-?} > $tol, lag $4)"
  fi
}

have() { command -v "$1" >/dev/null 2>&1; }
echo "--- 40-ladspa"
if ! have clang; then
  skip "build (clang missing: apt-get install clang zlib1g-dev)"
  skipped=$((skipped + 10)); result; exit 0
fi
if [[ -n "${SKIP_LADSPA_BUILD:-}" && -f artifacts/ladspa/rtdenoise_ladspa.so ]]; then
  pass "build (reused artifacts/ladspa/rtdenoise_ladspa.so: SKIP_LADSPA_BUILD set)"
elif timeout 900 scripts/build-ladspa.sh >"$work/build.log" 2>&1; then
  pass "build artifacts/ladspa/rtdenoise_ladspa.so ($(stat -c %s artifacts/ladspa/rtdenoise_ladspa.so) bytes)"
else
  tail -20 "$work/build.log"; fail "build"; result; exit 0
fi
so=$root/artifacts/ladspa/rtdenoise_ladspa.so
export LADSPA_PATH=$root/artifacts/ladspa

rtd=(dotnet "$root/src/HostApp/bin/Release/net10.0/rtdenoise.dll")
if [[ ! -f "$root/src/HostApp/bin/Release/net10.0/rtdenoise.dll" ]]; then
  dotnet build src/HostApp -c Release >/dev/null 2>&1 || { fail "build rtdenoise"; result; exit 0; }
fi

if ! have sox; then
  skip "all signal checks (sox missing)"; skipped=$((skipped + 8)); result; exit 0
fi
# Inputs: the bundled noisy sample at 16 kHz, and resampled to 44.1 and 48 kHz (16-bit mono).
cp samples/noisy_speech.wav "$work/in16000.wav"
sox samples/noisy_speech.wav -r 44100 "$work/in44100.wav" 2>/dev/null
sox samples/noisy_speech.wav -r 48000 "$work/in48000.wav" 2>/dev/null
declare -A lat
for r in 16000 44100 48000; do
  js=$("${rtd[@]}" denoise "$work/in$r.wav" "$work/ref$r.wav" --processor dnn --json --quiet 2>/dev/null)
  ms=$(sed -E 's/.*"latency_ms":([0-9.]+).*/\1/' <<<"$js")
  lat[$r]=$(awk -v ms="$ms" -v r="$r" 'BEGIN{printf "%d", ms * r / 1000 + 0.5}')
done

if have analyseplugin; then
  out=$(analyseplugin "$so" 2>&1)
  if grep -q 'Plugin Label: "rtdenoise"' <<<"$out" && grep -q '"Input" input, audio' <<<"$out" &&
     grep -q '"Output" output, audio' <<<"$out" && grep -q '"Attenuation limit (dB)" input, control, 0 to 100, default 100' <<<"$out" &&
     grep -q '"Bypass" input, control, toggled, default 0' <<<"$out" && grep -q '"latency" output, control' <<<"$out"; then
    pass "analyseplugin lists the ports"
  else
    echo "$out"; fail "analyseplugin lists the ports"
  fi
else
  skip "analyseplugin (apt-get install ladspa-sdk)"
fi

if have applyplugin; then
  for r in 16000 44100 48000; do
    if applyplugin "$work/in$r.wav" "$work/apply$r.wav" "$so" rtdenoise 100 0 >/dev/null 2>&1; then
      check_equal "applyplugin == rtdenoise denoise at $r Hz" "$work/apply$r.wav" "$work/ref$r.wav" "${lat[$r]}"
    else
      fail "applyplugin at $r Hz exited non-zero"
    fi
  done
  applyplugin "$work/in48000.wav" "$work/byp.wav" "$so" rtdenoise 100 1 >/dev/null 2>&1
  check_equal "applyplugin Bypass=1 == input delayed by the latency" "$work/byp.wav" "$work/in48000.wav" "${lat[48000]}"
  applyplugin "$work/in16000.wav" "$work/lim0.wav" "$so" rtdenoise 0 0 >/dev/null 2>&1
  check_equal "applyplugin Attenuation limit=0 dB == input delayed" "$work/lim0.wav" "$work/in16000.wav" "${lat[16000]}"
  # The port is the processor's attenuation limit, the same control as --atten-lim (issue 18): same samples.
  "${rtd[@]}" denoise "$work/in48000.wav" "$work/ref12.wav" --processor dnn --atten-lim 12 --quiet >/dev/null 2>&1
  applyplugin "$work/in48000.wav" "$work/lim12.wav" "$so" rtdenoise 12 0 >/dev/null 2>&1
  check_equal "applyplugin Attenuation limit=12 dB == rtdenoise denoise --atten-lim 12 at 48000 Hz" "$work/lim12.wav" "$work/ref12.wav" "${lat[48000]}"
else
  skip "applyplugin (apt-get install ladspa-sdk)"; skipped=$((skipped + 5))
fi

if sox -h 2>&1 | grep -w ladspa >/dev/null; then
  for r in 16000 48000; do
    if sox "$work/in$r.wav" "$work/sox$r.wav" ladspa rtdenoise_ladspa.so rtdenoise 100 0 2>"$work/sox.err"; then
      check_equal "sox ladspa == rtdenoise denoise at $r Hz" "$work/sox$r.wav" "$work/ref$r.wav" "${lat[$r]}"
    else
      cat "$work/sox.err"; fail "sox ladspa at $r Hz"
    fi
  done
  if sox "$work/in48000.wav" "$work/soxl.wav" ladspa -l rtdenoise_ladspa.so rtdenoise 2>"$work/sox.err"; then
    check_equal "sox ladspa -l (latency port compensation, default controls) == rtdenoise denoise" "$work/soxl.wav" "$work/ref48000.wav" 0
  else
    cat "$work/sox.err"; fail "sox ladspa -l"
  fi
else
  skip "sox ladspa (sox built without the ladspa effect)"; skipped=$((skipped + 2))
fi

for r in 16000 48000; do
  if "${rtd[@]}" denoise "$work/in$r.wav" "$work/chain$r.wav" --chain "ladspa:rtdenoise_ladspa.so:rtdenoise?Attenuation limit=100" --quiet >/dev/null 2>"$work/chain.err"; then
    check_equal "our host: --chain ladspa:rtdenoise_ladspa.so:rtdenoise == --processor dnn at $r Hz" "$work/chain$r.wav" "$work/ref$r.wav" 0
  else
    cat "$work/chain.err"; fail "our host at $r Hz"
  fi
done

pulse_check() {
  local W=$work/pa pa_pid rec_pid c_ref c_in
  mkdir -p "$W/run" "$W/state"
  cat >"$W/ci.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1
load-module module-null-sink sink_name=denoised_out format=float32le rate=16000 channels=1
load-module module-ladspa-sink sink_name=rtdenoise_sink sink_master=denoised_out plugin=rtdenoise_ladspa label=rtdenoise control=100,0
PA
  (
    export PULSE_RUNTIME_PATH=$W/run PULSE_STATE_PATH=$W/state PULSE_SERVER=unix:$W/run/native \
           PULSE_COOKIE=$W/state/cookie JACK_NO_START_SERVER=1
    timeout -k 5 60 pulseaudio --daemonize=no --exit-idle-time=-1 --disable-shm=yes -n -F "$W/ci.pa" --log-target=stderr 2>"$W/pa.log" &
    pa_pid=$!
    for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
    if ! pactl list short sinks 2>/dev/null | grep rtdenoise_sink >/dev/null; then
      grep -iE 'ladspa|error' "$W/pa.log" | head -5; kill "$pa_pid" 2>/dev/null; wait "$pa_pid" 2>/dev/null; exit 3
    fi
    timeout -k 5 30 parecord --latency-msec=100 --device=denoised_out.monitor --rate=16000 --channels=1 \
      --format=float32le --file-format=wav "$W/rec.wav" &
    rec_pid=$!
    sleep 1 # parecord takes a moment to connect; a late start only loses the head (negative lag), still matched
    timeout -k 5 30 paplay --latency-msec=100 --device=rtdenoise_sink "$work/in16000.wav"
    sleep 1
    kill "$rec_pid" 2>/dev/null; wait "$rec_pid" 2>/dev/null
    kill "$pa_pid" 2>/dev/null; wait "$pa_pid" 2>/dev/null
    exit 0
  ) || { fail "PulseAudio module-ladspa-sink did not load the plugin"; return; }
  read -r c_ref _ < <(python3 scripts/test-phases/lib-correlate.py "$W/rec.wav" "$work/ref16000.wav" 32000)
  read -r c_in _ < <(python3 scripts/test-phases/lib-correlate.py "$W/rec.wav" "$work/in16000.wav" 32000)
  if awk -v r="${c_ref:-0}" -v i="${c_in:-1}" 'BEGIN{exit !(r >= 0.99 && r > i + 0.01)}'; then
    pass "PulseAudio module-ladspa-sink: played audio comes out denoised (corr $c_ref with rtdenoise output, $c_in with input)"
  else
    fail "PulseAudio module-ladspa-sink (corr ${c_ref:-?} with rtdenoise output, ${c_in:-?} with input)"
  fi
}
if have pulseaudio && have pactl && have paplay && have parecord && have python3; then
  pulse_check
else
  skip "PulseAudio module-ladspa-sink (apt-get install pulseaudio pulseaudio-utils; python3)"
fi

# One HostApp test class against a fresh private PulseAudio: CLASS TOTAL DIAG-PREFIX WHAT (the pass line's text).
inserver_check() {
  local class=$1 total=$2 prefix=$3 what=$4 log=$work/$1.log rc diag
  local tests=$root/tests/HostApp.Tests/bin/Release/net10.0/RtDenoise.HostApp.Tests
  if [[ ! -x "$tests" ]]; then skip "$what ($tests not built)"; return; fi
  (
    source "$root/scripts/live/private-pulse.sh"
    trap pulse_stop EXIT
    pulse_start "$work/pa-$class" || exit 3
    RTDENOISE_LADSPA_SO=$so timeout -k 5 240 "$tests" -noColor -diagnostics -class "RtDenoise.HostApp.Tests.Live.$class"
  ) >"$log" 2>&1
  rc=$?
  diag=$(grep -o "$prefix: .*" "$log" | head -1)
  if [[ $rc == 0 ]] && grep -qE "Total: $total, Errors: 0, Failed: 0, Skipped: 0" "$log"; then
    pass "in PulseAudio: $what ($diag)"
  else
    grep -vE '^\s+at ' "$log" | tail -15; fail "in PulseAudio: $what (exit $rc)"
  fi
}
persist_check() {
  local tests=$root/tests/HostApp.Tests/bin/Release/net10.0/RtDenoise.HostApp.Tests
  if [[ ! -x "$tests" ]]; then skip "persisted in-server mic ($tests not built)"; return; fi
  (
    source "$root/scripts/live/private-pulse.sh"
    trap pulse_stop EXIT
    pulse_start "$work/persist" || exit 3
    # The user's existing default.pa: the phase's own script, which PulseAudio runs at the restart by its lookup.
    export PULSE_CONFIG_PATH=$work/persist/config
    mkdir -p "$PULSE_CONFIG_PATH" && cp "$work/persist/ci.pa" "$PULSE_CONFIG_PATH/default.pa"
    RTDENOISE_TEST_SERVER_RESTART=$root/scripts/live/private-pulse.sh RTDENOISE_LADSPA_SO=$so timeout -k 5 240 \
      "$tests" -noColor -diagnostics -class RtDenoise.HostApp.Tests.Live.InServerPersistTests
  ) >"$work/persist.log" 2>&1
  local rc=$? diag
  diag=$(grep -o 'persisted mic after .*' "$work/persist.log" | head -1)
  if [[ $rc == 0 ]] && grep -qE 'Total: 1, Errors: 0, Failed: 0, Skipped: 0' "$work/persist.log"; then
    pass "virtual-mic --in-server --persist: after a PulseAudio restart the mic is back and records denoised speech; --unpersist leaves default.pa byte-identical ($diag)"
  else
    grep -vE '^\s+at ' "$work/persist.log" | tail -15; fail "virtual-mic --in-server --persist in PulseAudio (exit $rc)"
  fi
}
if have pulseaudio && have pactl && have paplay && have parecord; then
  inserver_check InServerMicTests 2 "in-server mic" \
    "virtual-mic --in-server carries denoised speech; --remove restores the modules; a failing replacement leaves the working mic"
  inserver_check InServerSpeakerTests 1 "virtual speaker" \
    "virtual-speaker --in-server: a played file comes out denoised (speech-free floor >= 10 dB lower); virtual-mic leaves it alone; --remove restores the modules"
  persist_check
else
  skip "virtual-mic --in-server (apt-get install pulseaudio pulseaudio-utils)"
  skip "virtual-speaker --in-server (apt-get install pulseaudio pulseaudio-utils)"
  skip "virtual-mic --in-server --persist (apt-get install pulseaudio pulseaudio-utils)"
fi

xunit=$("$root/scripts/xunit-run.sh" ladspa-roundtrip env RTDENOISE_LADSPA_SO="$so" RTDENOISE_LADSPA_BENCH_OUT="$work/bench.txt" \
  "$root/tests/RealtimeEngine.Tests/bin/Release/net10.0/RtDenoise.Engine.Tests" -class RtDenoise.Engine.Tests.Ladspa.RtDenoisePluginTests -explicit only | tail -1)
[[ -f "$work/bench.txt" ]] && echo "  bench: $(cat "$work/bench.txt")"
result
echo "$xunit"
