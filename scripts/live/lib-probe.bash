#!/usr/bin/env bash
# Source this file: the probe topology that scripts/live/measure-routes.sh and scripts/live/soak.sh measure a
# virtual-microphone route with, on a private server (private-pulse.sh / private-pipewire.sh, sourced here too).
#   probe      stereo null sink; parecord of probe.monitor holds the route's input (left) and output (right) side
#              by side on the server's clock
#   probe_l    mono remap sink onto probe's left: the player plays into it, the route reads probe_l.monitor
#   probe_r    mono remap sink onto probe's right: the route's output goes there
# Reading probe_l's monitor, not probe's, matters: a loop probe.monitor → loopback → LADSPA sink → probe inside
# PulseAudio made the server spin at 100% CPU, grow, and be killed (RLIMIT_RTTIME).
# Needs $root (the repository) and $app (the rtdenoise binary) set by the caller.
source "$root/scripts/live/private-pulse.sh"
source "$root/scripts/live/private-pipewire.sh"
probe_player=

pc() { timeout -k 5 10 pactl "$@"; }

# probe_start SERVER DIR: starts the server with its state in DIR and loads the probe sinks; sets probe_server_pids.
probe_start() {
  if [[ $1 == pulseaudio ]]; then
    pulse_start "$2" || return 1
    probe_server_pids=("$PULSE_PID")
  else
    pipewire_start "$2" || return 1
    probe_server_pids=("${PW_PIDS[@]:1}")
  fi
  pc load-module module-null-sink sink_name=probe format=float32le rate=48000 channels=2 channel_map=front-left,front-right >/dev/null
  pc load-module module-remap-sink sink_name=probe_l master=probe channels=1 master_channel_map=front-left channel_map=mono remix=no >/dev/null
  pc load-module module-remap-sink sink_name=probe_r master=probe channels=1 master_channel_map=front-right channel_map=mono remix=no >/dev/null
  sleep 0.5
}

# probe_in_server NAME: makes the in-server mic NAME on probe_l.monitor and moves its LADSPA sink's stream to
# probe_r (the remap source over the mic's null sink adds no buffering); prints the declared latency in ms.
probe_in_server() {
  local out sink_idx input_idx
  out=$(timeout -k 5 30 "$app" virtual-mic --in-server --input probe_l.monitor --name "$1" 2>&1) || { echo "virtual-mic --in-server failed: ${out##*$'\n'}" >&2; return 1; }
  sink_idx=$(pc list short sinks | awk -v n="$1_sink" '$2==n{print $1}')
  # the LADSPA sink's own stream is the sink input that plays into the mic's null sink
  input_idx=$(pc list short sink-inputs | awk -v s="$sink_idx" '$2==s{print $1; exit}')
  if [[ -z "$input_idx" ]] || ! pc move-sink-input "$input_idx" probe_r; then
    echo "could not move the LADSPA sink's stream (sink $sink_idx, input '$input_idx') to probe_r" >&2
    return 1
  fi
  timeout -k 5 30 "$app" virtual-mic --status --json | sed -E 's/.*"declared_latency_ms":([0-9.]+).*/\1/' # the only mic here
}

# probe_play: samples/noisy_speech.wav into probe_l, in a loop, in the background.
probe_play() {
  ( while true; do paplay --latency-msec=20 --device=probe_l "$root/samples/noisy_speech.wav" || break; done ) &
  probe_player=$!
}

probe_stop_player() {
  [[ -n "$probe_player" ]] && { kill "$probe_player" 2>/dev/null; wait "$probe_player" 2>/dev/null; probe_player=; }
}

# probe_record SECONDS FILE: records probe.monitor (stereo float32le, 48 kHz) in the background; sets probe_recorder.
probe_record() {
  timeout -k 5 $(($1 + 20)) parecord --latency-msec=20 --raw --format=float32le --rate=48000 --channels=2 --device=probe.monitor "$2" &
  probe_recorder=$!
}

# cpu_ticks PID...: user + system clock ticks of those processes so far.
cpu_ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }

# rss_kb PID...: their resident set, summed, in kB.
rss_kb() { local t=0 p v; for p in "$@"; do v=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null); t=$((t + ${v:-0})); done; echo "$t"; }

probe_stop_all() {
  probe_stop_player
  pulse_stop
  pipewire_stop
}
