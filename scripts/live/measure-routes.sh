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
#              stream is moved from the mic's null sink to probe_r (the remap source over that null sink adds no
#              buffering). Reading probe_l's monitor, not probe's, matters: a loop probe.monitor → loopback → LADSPA
#              sink → probe inside PulseAudio made the server spin at 100% CPU, grow, and be killed (RLIMIT_RTTIME).
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
source "$root/scripts/live/private-pulse.sh"
source "$root/scripts/live/private-pipewire.sh"
hz=$(getconf CLK_TCK)
player=
stop_all() {
  [[ -n "$player" ]] && { kill "$player" 2>/dev/null; wait "$player" 2>/dev/null; player=; }
  pulse_stop; pipewire_stop
}
trap 'stop_all; rm -rf "${scratch:-/nonexistent}"' EXIT
trap 'exit 130' INT TERM

cpu_ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
pct() { awk -v t="$1" -v hz="$hz" -v s="$2" 'BEGIN{printf "%.1f", 100 * t / hz / s}'; }

echo "| server | route | round trip median (min–max) ms | declared ms | server CPU | rtdenoise CPU | dropouts | xruns | recorded s |"
echo "|---|---|---|---|---|---|---|---|---|"
for server in $servers; do
  for route in $routes; do
    scratch=$(mktemp -d /tmp/rtdenoise-routes.XXXXXX)
    if [[ $server == pulseaudio ]]; then
      pulse_start "$scratch" || { echo "| $server | $route | server did not start | | | | | | |"; continue; }
      server_pids=("$PULSE_PID")
    else
      pipewire_start "$scratch" || { echo "| $server | $route | server did not start | | | | | | |"; continue; }
      server_pids=("${PW_PIDS[@]:1}")
    fi
    pc() { timeout -k 5 10 pactl "$@"; }
    pc load-module module-null-sink sink_name=probe format=float32le rate=48000 channels=2 channel_map=front-left,front-right >/dev/null
    pc load-module module-remap-sink sink_name=probe_l master=probe channels=1 master_channel_map=front-left channel_map=mono remix=no >/dev/null
    pc load-module module-remap-sink sink_name=probe_r master=probe channels=1 master_channel_map=front-right channel_map=mono remix=no >/dev/null
    sleep 0.5

    declared= rtd_cpu=0 xruns=- ok=1
    if [[ $route == in-server ]]; then
      if ! timeout -k 5 30 "$app" virtual-mic --in-server --input probe_l.monitor --name rtd_measure >"$scratch/vm.out" 2>&1; then
        echo "| $server | $route | virtual-mic --in-server failed: $(tail -1 "$scratch/vm.out") | | | | | | |"; ok=0
      else
        declared=$(timeout -k 5 30 "$app" virtual-mic --status --json | sed -E 's/.*"declared_latency_ms":([0-9.]+).*/\1/')
        sink_idx=$(pc list short sinks | awk '$2=="rtd_measure_sink"{print $1}')
        # the LADSPA sink's own stream is the sink input that plays into the mic's null sink
        input_idx=$(pc list short sink-inputs | awk -v s="$sink_idx" '$2==s{print $1; exit}')
        if [[ -z "$input_idx" ]] || ! pc move-sink-input "$input_idx" probe_r; then
          echo "| $server | $route | could not move the LADSPA sink's stream (sink $sink_idx, input '${input_idx}') to probe_r | | | | | | |"; ok=0
        fi
      fi
    fi
    if [[ $ok == 1 ]]; then
      ( while true; do paplay --latency-msec=20 --device=probe_l "$root/samples/noisy_speech.wav" || break; done ) &
      player=$!
      timeout -k 5 $((seconds + 20)) parecord --latency-msec=20 --raw --format=float32le --rate=48000 --channels=2 --device=probe.monitor "$scratch/probe.raw" &
      recorder=$!
      t0=$(cpu_ticks "${server_pids[@]}")
      if [[ $route == external ]]; then
        timeout -k 5 $((seconds + 15)) /usr/bin/time -f '%U %S' -o "$scratch/time.txt" "$app" live --input pulse:DEVICE=probe_l.monitor --output pulse:DEVICE=probe_r \
          --rate 48000 --block-ms 10 --duration "$seconds" --json >"$scratch/live.json" 2>"$scratch/live.err"
        declared=$(sed -E 's/.*"latency_ms":([0-9.]+).*/\1/' "$scratch/live.json")
        xruns=$(sed -E 's/.*"xruns":([0-9]+).*/\1/' "$scratch/live.json")
        rtd_cpu=$(awk -v hz="$hz" '{printf "%d", ($1 + $2) * hz}' "$scratch/time.txt")
      else
        sleep "$seconds"
      fi
      t1=$(cpu_ticks "${server_pids[@]}")
      kill "$recorder" 2>/dev/null; wait "$recorder" 2>/dev/null
      kill "$player" 2>/dev/null; wait "$player" 2>/dev/null; player=
      [[ $route == in-server ]] && timeout -k 5 30 "$app" virtual-mic --remove --name rtd_measure >/dev/null 2>&1
      if read -r med mn mx _ drops secs < <(python3 "$root/scripts/live/lib-roundtrip.py" "$scratch/probe.raw"); then
        echo "| $server | $route | $med ($mn–$mx) | ${declared:-?} | $(pct $((t1 - t0)) "$seconds")% | $(pct "$rtd_cpu" "$seconds")% | $drops | $xruns | $secs |"
      else
        echo "| $server | $route | no usable recording | ${declared:-?} | | | | $xruns | |"
      fi
    fi
    stop_all
    rm -rf "$scratch"
  done
done
