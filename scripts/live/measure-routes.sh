#!/usr/bin/env bash
# Round trip of both virtual-microphone routes, on a private PulseAudio and a private PipeWire (pipewire-pulse):
#   scripts/live/measure-routes.sh [SECONDS=60] [SERVERS="pulseaudio pipewire"] [ROUTES="external in-server"]
# For each server and route: samples/noisy_speech.wav plays in a loop into the left half of a stereo null sink
# "probe" through the mono remap sink probe_l; the route reads probe_l.monitor and its output lands in the right half
# (remap sink probe_r); parecord records probe.monitor, so input and output sit side by side on the server's clock and
# their lag is the route's round trip (scripts/live/lib-roundtrip.py: median/min/max over loud 0.2 s chunks, dropouts).
#   external   `rtdenoise live --input pulse:DEVICE=probe_l.monitor --output pulse:DEVICE=probe_r` at virtual-mic's
#              defaults (the external virtual mic is this plus a null sink and a remap source, which add no buffering)
#   in-server  `rtdenoise virtual-mic --in-server --input probe_l.monitor` at its defaults, then the LADSPA sink's
#              stream is moved from the mic's null sink to probe_r (scripts/live/lib-probe.bash).
# Declared latency: the engine's (live --json latency_ms) or the plugin's latency port + loopback (virtual-mic
# --status --json), never hard-coded. CPU: seconds of CPU the server processes (pulseaudio; pipewire +
# pipewire-pulse + wireplumber) and rtdenoise used during the run, as % of one core. Prints one table row per run
# (markdown). Needs the Release build of src/HostApp, artifacts/ladspa (scripts/build-ladspa.sh) and the live
# phase's packages (PipeWire: pipewire pipewire-pulse wireplumber dbus).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-60}
servers=${2:-pulseaudio pipewire}
routes=${3:-external in-server}
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise
source "$root/scripts/live/lib-probe.bash"
hz=$(getconf CLK_TCK)
trap 'probe_stop_all; rm -rf "${scratch:-/nonexistent}"' EXIT
trap 'exit 130' INT TERM
pct() { awk -v t="$1" -v hz="$hz" -v s="$2" 'BEGIN{printf "%.1f", 100 * t / hz / s}'; }

echo "| server | route | round trip median (min–max) ms | declared ms | server CPU | rtdenoise CPU | dropouts | xruns | recorded s |"
echo "|---|---|---|---|---|---|---|---|---|"
for server in $servers; do
  for route in $routes; do
    scratch=$(mktemp -d /tmp/rtdenoise-routes.XXXXXX)
    probe_start "$server" "$scratch" || { echo "| $server | $route | server did not start | | | | | | |"; continue; }
    declared= rtd_cpu=0 xruns=- ok=1
    if [[ $route == in-server ]]; then
      declared=$(probe_in_server rtd_measure 2>"$scratch/vm.err") || { echo "| $server | $route | $(tail -1 "$scratch/vm.err") | | | | | | |"; ok=0; }
    fi
    if [[ $ok == 1 ]]; then
      probe_play
      probe_record "$seconds" "$scratch/probe.raw"
      t0=$(cpu_ticks "${probe_server_pids[@]}")
      if [[ $route == external ]]; then
        timeout -k 5 $((seconds + 15)) /usr/bin/time -f '%U %S' -o "$scratch/time.txt" "$app" live --input pulse:DEVICE=probe_l.monitor --output pulse:DEVICE=probe_r \
          --rate 48000 --block-ms 10 --duration "$seconds" --json >"$scratch/live.json" 2>"$scratch/live.err"
        declared=$(sed -E 's/.*"latency_ms":([0-9.]+).*/\1/' "$scratch/live.json")
        xruns=$(sed -E 's/.*"xruns":([0-9]+).*/\1/' "$scratch/live.json")
        rtd_cpu=$(awk -v hz="$hz" '{printf "%d", ($1 + $2) * hz}' "$scratch/time.txt")
      else
        sleep "$seconds"
      fi
      t1=$(cpu_ticks "${probe_server_pids[@]}")
      kill "$probe_recorder" 2>/dev/null; wait "$probe_recorder" 2>/dev/null
      probe_stop_player
      [[ $route == in-server ]] && timeout -k 5 30 "$app" virtual-mic --remove --name rtd_measure >/dev/null 2>&1
      if read -r med mn mx _ drops secs < <(python3 "$root/scripts/live/lib-roundtrip.py" "$scratch/probe.raw"); then
        echo "| $server | $route | $med ($mn–$mx) | ${declared:-?} | $(pct $((t1 - t0)) "$seconds")% | $(pct "$rtd_cpu" "$seconds")% | $drops | $xruns | $secs |"
      else
        echo "| $server | $route | no usable recording | ${declared:-?} | | | | $xruns | |"
      fi
    fi
    probe_stop_all
    rm -rf "$scratch"
  done
done
