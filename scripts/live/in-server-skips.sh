#!/usr/bin/env bash
# Counts the sample skips of the in-server virtual microphone's module chain, with our plugin or any other LADSPA
# plugin in its place, so a skip can be attributed: if a plugin that cannot lose samples (swh's `amp` at 0 dB) skips
# as often as ours, the skips are the server's (module-loopback's latency control), not our block handling.
#
#   scripts/live/in-server-skips.sh [--server pipewire|pulseaudio] [--latency-ms 10] [--seconds 45] [--rate 16000]
#                                   [--plugin SO --label LABEL --control VALUES] [--runs 3]
#
# Each run starts a private server (scripts/live/private-*.sh), loads the chain as `virtual-mic --in-server` does
#   feed.monitor ─module-loopback (latency_msec)─► m_ladspa (module-ladspa-sink) ─► m_sink ─► m_sink.monitor ─remap─► m
# plays a 1 kHz sine (sox) into `feed` with paplay and records `m` with parecord at --rate. A pure sine obeys
# x[n] = 2cos(ω)·x[n-1] − x[n-2]; a skipped or repeated stretch breaks that recurrence once, so every residual spike
# away from the sine's two ends is one discontinuity. Our plugin runs with its attenuation limit at 0 dB (control
# "0,0"): the full STFT and network run, the mask is raised to 1, and the output is the input delayed.
# Needs pactl, paplay, parecord, sox, python3 and the server (apt: pulseaudio or pipewire pipewire-pulse wireplumber).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server=pipewire latency=10 seconds=45 rate=16000 runs=3
plugin=$root/artifacts/ladspa/rtdenoise_ladspa.so label=rtdenoise control=0,0
while [[ $# -gt 0 ]]; do
  case $1 in
    --server) server=$2; shift 2 ;;
    --latency-ms) latency=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --plugin) plugin=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --control) control=$2; shift 2 ;;
    *) echo "error: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
for c in pactl paplay parecord sox python3; do
  command -v "$c" >/dev/null || { echo "error: $c not found" >&2; exit 2; }
done
[[ -f $plugin ]] || { echo "error: --plugin $plugin: no such file (scripts/build-ladspa.sh builds ours)" >&2; exit 2; }
case $server in
  pipewire) source "$root/scripts/live/private-pipewire.sh"; start=pipewire_start stop=pipewire_stop ;;
  pulseaudio) source "$root/scripts/live/private-pulse.sh"; start=pulse_start stop=pulse_stop ;;
  *) echo "error: --server $server: expected pipewire or pulseaudio" >&2; exit 2 ;;
esac
work=$(mktemp -d)
trap '$stop; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
sox -n -r 48000 -c 1 -b 16 "$work/sine.wav" synth "$seconds" sine 1000 vol 0.3

count_skips() {
  python3 - "$1" "$2" <<'PY'
import array, math, sys
x = array.array('f'); x.frombytes(open(sys.argv[1], 'rb').read())
rate = int(sys.argv[2]); c = 2 * math.cos(2 * math.pi * 1000 / rate)
loud = [n for n in range(len(x)) if abs(x[n]) > 0.1]
if not loud:
    print("no sine in the recording"); sys.exit(1)
first, last, edge = loud[0], loud[-1], rate // 10
spikes, prev = [], -rate
for n in range(first + edge, last - edge):
    if abs(x[n] - c * x[n - 1] + x[n - 2]) > 0.02 and n - prev > rate // 100:
        spikes.append(n / rate); prev = n
print(f"{len(spikes)} skips in {(last - first) / rate:.1f} s of sine" + (": at " + ", ".join(f"{t:.2f} s" for t in spikes[:10]) if spikes else ""))
PY
}

total=0
for run in $(seq 1 "$runs"); do
  $start "$work/srv$run" 2>"$work/start.err" || { cat "$work/start.err" >&2; exit 1; }
  pactl load-module module-null-sink sink_name=feed format=float32le rate=48000 channels=1 >/dev/null
  pactl load-module module-null-sink sink_name=m_sink format=float32le rate=48000 channels=1 channel_map=mono >/dev/null
  pactl load-module module-ladspa-sink sink_name=m_ladspa sink_master=m_sink rate=48000 channels=1 channel_map=mono \
    "plugin=$plugin" "label=$label" "control=$control" >/dev/null || { echo "error: the server refused the plugin" >&2; exit 1; }
  pactl load-module module-remap-source source_name=m master=m_sink.monitor channels=1 channel_map=mono >/dev/null
  pactl load-module module-loopback source=feed.monitor sink=m_ladspa "latency_msec=$latency" channels=1 channel_map=mono \
    source_dont_move=true sink_dont_move=true >/dev/null
  sleep 1
  parecord --latency-msec=20 --raw --format=float32le "--rate=$rate" --channels=1 --device=m "$work/mic.raw" &
  rec=$!
  sleep 0.5
  paplay --latency-msec=20 --device=feed "$work/sine.wav"
  sleep 1
  kill "$rec"; wait "$rec" 2>/dev/null
  line=$(count_skips "$work/mic.raw" "$rate")
  echo "run $run ($server, $label, loopback latency_msec=$latency, recorded at $rate Hz): $line"
  total=$((total + ${line%% *}))
  $stop
done
echo "total: $total skips in $runs runs of $seconds s"
