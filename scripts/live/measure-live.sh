#!/usr/bin/env bash
# Measures a live run through a private PulseAudio: `scripts/live/measure-live.sh [SECONDS] [extra live args]`.
# Plays samples/noisy_speech.wav in a loop into the left half of a stereo null sink "probe"; rtdenoise reads that
# channel (remap source) and plays into the right half (remap sink); parecord records probe.monitor, so input and
# output sit side by side on the server's clock and their lag is the round trip through rtdenoise. Prints the
# run's JSON, its statistics line, /usr/bin/time -v's CPU figures and the measured round trip (median over 0.2 s
# chunks). LIVE_LOG=FILE keeps rtdenoise's stderr. Needs the Release build of src/HostApp and the live phase's packages.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-60}; shift || true
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise
scratch=$(mktemp -d /tmp/rtdenoise-measure.XXXXXX)
source "$root/scripts/live/private-pulse.sh"
player=
cleanup() { [[ -n "$player" ]] && kill "$player" 2>/dev/null; pulse_stop; rm -rf "$scratch"; }
trap cleanup EXIT
pulse_start "$scratch" || exit 1

pactl load-module module-null-sink sink_name=probe format=float32le rate=48000 channels=2 channel_map=front-left,front-right >/dev/null
pactl load-module module-remap-sink sink_name=probe_l master=probe channels=1 master_channel_map=front-left channel_map=mono remix=no >/dev/null
pactl load-module module-remap-sink sink_name=probe_r master=probe channels=1 master_channel_map=front-right channel_map=mono remix=no >/dev/null
pactl load-module module-remap-source source_name=probe_lsrc master=probe.monitor channels=1 master_channel_map=front-left channel_map=mono remix=no >/dev/null

( while true; do paplay --latency-msec=20 --device=probe_l "$root/samples/noisy_speech.wav" || break; done ) &
player=$!
timeout -k 5 $((seconds + 20)) parecord --latency-msec=20 --raw --format=float32le --rate=48000 --channels=2 --device=probe.monitor "$scratch/probe.raw" &
recorder=$!
timeout -k 5 $((seconds + 15)) /usr/bin/time -v "$app" live --input pulse:DEVICE=probe_lsrc --output pulse:DEVICE=probe_r \
  --rate 48000 --block-ms 10 --duration "$seconds" --json "$@" >"$scratch/live.json" 2>"$scratch/live.err"
rc=$?
[[ -n "${LIVE_LOG:-}" ]] && cp "$scratch/live.err" "$LIVE_LOG" # keep rtdenoise's stderr (e.g. with --verbose)
kill "$recorder" 2>/dev/null; wait "$recorder" 2>/dev/null
kill "$player" 2>/dev/null; wait "$player" 2>/dev/null; player=

echo "exit code $rc"
echo "json: $(cat "$scratch/live.json")"
grep -E '^(duration|interrupted|fault) after|^error:' "$scratch/live.err"
grep -E 'Percent of CPU|User time|System time|Elapsed .wall|Maximum resident' "$scratch/live.err" | sed 's/^\s*/time -v: /'
python3 - "$scratch/probe.raw" <<'PY'
# Median over loud 0.2 s chunks of the lag (0..250 ms) that best aligns the right channel with the left one,
# on a 8 kHz decimation (6-sample means; 0.125 ms resolution), refined to 48 kHz around the coarse peak.
import array, sys
raw = array.array('f'); raw.frombytes(open(sys.argv[1], 'rb').read()[: (len(open(sys.argv[1], 'rb').read()) // 8) * 8])
left, right = raw[0::2], raw[1::2]
def dec(x): return [sum(x[i:i+6]) / 6 for i in range(0, len(x) - 6, 6)]
l8, r8 = dec(left), dec(right)
chunk, maxlag = 1600, 2000
starts = list(range(8000, len(l8) - chunk - maxlag, chunk))
energy = {s: sum(v * v for v in l8[s:s+chunk]) for s in starts}
loud = max(energy.values())
chosen = [s for s in starts if energy[s] > 0.05 * loud]
step = max(1, len(chosen) // 40)
lags = []
for s in chosen[::step]:
    a = l8[s:s+chunk]
    best, bl = None, 0
    for lag in range(0, maxlag):
        b = r8[s+lag:s+lag+chunk]
        v = sum(x * y for x, y in zip(a, b))
        if best is None or v > best: best, bl = v, lag
    lags.append(bl * 6)
lags.sort()
med = lags[len(lags) // 2]
print(f"round trip: median {med / 48:.1f} ms over {len(lags)} chunks (min {lags[0] / 48:.1f}, max {lags[-1] / 48:.1f}); recording {len(left) / 48000:.1f} s")
PY
