#!/usr/bin/env bash
# A long run of one virtual-microphone route on a private server, measured window by window:
#   scripts/live/soak.sh [--seconds 600] [--server pipewire|pulseaudio] [--route external|in-server] [--window 60]
# Topology and route as scripts/live/measure-routes.sh (scripts/live/lib-probe.bash): samples/noisy_speech.wav in a
# loop into probe_l; the route reads probe_l.monitor and plays into probe_r; one parecord of probe.monitor holds
# input and output side by side on the server's clock.
#   external   `rtdenoise live` (what `virtual-mic` without --in-server runs, minus its null sink and remap source)
#   in-server  `rtdenoise virtual-mic --in-server` (the plugin inside the server)
# Per window (scripts/live/lib-roundtrip.py): the round trip's median and min–max over loud chunks (a latency that
# rises after an under-run and stays up shows as a step in the medians; a skip as a few-ms step), dropouts (≥ 10 ms
# of silence over non-silent input), and the resident memory of rtdenoise (external) and the server processes,
# sampled every 10 s. Summary: the first and last windows' medians against the declared latency, and each RSS's
# slope in MB/min after the first 2 minutes (least squares) with its first and last sample.
# Needs what measure-routes.sh needs (Release build, artifacts/ladspa for in-server, pactl/paplay/parecord, python3).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=600 server=pipewire route=external window=60
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --server) server=$2; shift 2 ;;
    --route) route=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    *) echo "error: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $seconds -ge 60 ]] || { echo "error: --seconds $seconds: expected a whole number ≥ 60" >&2; exit 2; }
[[ $window =~ ^[0-9]+$ && $window -ge 10 ]] || { echo "error: --window $window: expected a whole number ≥ 10" >&2; exit 2; }
[[ $server == pipewire || $server == pulseaudio ]] || { echo "error: --server $server: expected pipewire or pulseaudio" >&2; exit 2; }
[[ $route == external || $route == in-server ]] || { echo "error: --route $route: expected external or in-server" >&2; exit 2; }
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise
[[ -x $app ]] || { echo "error: $app is not built (dotnet build -c Release)" >&2; exit 2; }
source "$root/scripts/live/lib-probe.bash"
scratch=$(mktemp -d /tmp/rtdenoise-soak.XXXXXX)
rtd=
trap '[[ -n "$rtd" ]] && kill "$rtd" 2>/dev/null; probe_stop_all; rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

probe_start "$server" "$scratch/srv" || { echo "error: the private $server did not start" >&2; exit 1; }
if [[ $route == in-server ]]; then
  declared=$(probe_in_server rtd_soak) || exit 1
else
  "$app" live --input pulse:DEVICE=probe_l.monitor --output pulse:DEVICE=probe_r --rate 48000 --block-ms 10 \
    --duration "$seconds" --json >"$scratch/live.json" 2>"$scratch/live.err" &
  rtd=$!
  sleep 2
  declared=-
fi
probe_play
probe_record "$seconds" "$scratch/probe.raw"
echo "t_s rtdenoise_kb server_kb" >"$scratch/rss.txt"
for ((t = 0; t <= seconds; t += 10)); do
  echo "$t $( [[ -n "$rtd" ]] && rss_kb "$rtd" || echo 0) $(rss_kb "${probe_server_pids[@]}")" >>"$scratch/rss.txt"
  [[ $t -lt $seconds ]] && sleep 10
done
kill "$probe_recorder" 2>/dev/null; wait "$probe_recorder" 2>/dev/null
probe_stop_player
if [[ -n "$rtd" ]]; then
  wait "$rtd"; rtd=
  declared=$(sed -E 's/.*"latency_ms":([0-9.]+).*/\1/' "$scratch/live.json")
  xruns=$(sed -E 's/.*"xruns":([0-9]+).*/\1/' "$scratch/live.json")
else
  timeout -k 5 30 "$app" virtual-mic --remove --name rtd_soak >/dev/null 2>&1
  xruns=-
fi

echo "soak: $route route on $server, $seconds s, windows of $window s; declared latency $declared ms; engine xruns $xruns"
echo "| window start s | round trip median (min–max) ms | chunks | dropouts | rtdenoise RSS MB | server RSS MB |"
echo "|---:|---:|---:|---:|---:|---:|"
python3 "$root/scripts/live/lib-roundtrip.py" "$scratch/probe.raw" "$window" >"$scratch/windows.txt"
while read -r start med mn mx chunks drops; do
  # the last sample at or before the window's end (rtdenoise's 0 once it has exited is not a sample)
  rss=$(awk -v t="$((start + window))" 'NR > 1 && $1 <= t { if ($2 > 0) r = $2; s = $3 } END {printf "%.1f %.1f", r / 1024, s / 1024}' "$scratch/rss.txt")
  r=${rss% *}
  [[ $r == 0.0 ]] && r=–  # in-server: no rtdenoise process
  echo "| $start | $med ($mn–$mx) | $chunks | $drops | $r | ${rss#* } |"
done <"$scratch/windows.txt"
awk 'NF == 6 && $2 != "-" { if (!n++) first = $2; last = $2 } END { if (n) printf "round trip: first window %.1f ms, last window %.1f ms\n", first, last }' "$scratch/windows.txt"
for col in 2 3; do
  awk -v c="$col" -v name="$([[ $col == 2 ]] && echo rtdenoise || echo server)" 'NR > 1 && $1 >= 120 && $c > 0 {
      n++; x = $1 / 60; y = $c / 1024; sx += x; sy += y; sxx += x * x; sxy += x * y
      if (n == 1) f = y; l = y
    } END {
      if (n >= 3) printf "%s RSS after 2 min: %.1f → %.1f MB, slope %.3f MB/min (%d samples)\n", name, f, l, (n * sxy - sx * sy) / (n * sxx - sx * sx), n
    }' "$scratch/rss.txt"
done
