#!/usr/bin/env bash
# Source this file: `pulse_start DIR` starts a private PulseAudio daemon whose whole state lives in DIR, with the
# null sinks the live tests use; `pulse_stop` kills it and waits. Recipe: ../shared/docs/ci-recipes.md.
#   noisy_in      null sink the test plays the noisy file into; rtdenoise reads noisy_in.monitor
#   denoised_out  null sink rtdenoise plays into
#   virtual_mic   source remapped from denoised_out.monitor; the test records it
# The caller must `trap pulse_stop EXIT` so no daemon outlives it.

pulse_start() {
  local w=$1
  mkdir -p "$w/run" "$w/state"
  export PULSE_RUNTIME_PATH=$w/run PULSE_STATE_PATH=$w/state PULSE_SERVER=unix:$w/run/native \
         PULSE_COOKIE=$w/state/cookie JACK_NO_START_SERVER=1
  cat >"$w/ci.pa" <<'PA'
load-module module-native-protocol-unix auth-anonymous=1
load-module module-null-sink sink_name=noisy_in format=float32le rate=48000 channels=1
load-module module-null-sink sink_name=denoised_out format=float32le rate=48000 channels=1
load-module module-remap-source master=denoised_out.monitor source_name=virtual_mic channels=1 channel_map=mono
PA
  pulseaudio --daemonize=no --exit-idle-time=-1 -n -F "$w/ci.pa" --log-target=stderr >"$w/pulseaudio.log" 2>&1 &
  PULSE_PID=$!
  local i
  for i in $(seq 1 50); do
    if pactl info >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$PULSE_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "private PulseAudio did not start; log:" >&2
  tail -20 "$w/pulseaudio.log" >&2
  pulse_stop
  return 1
}

pulse_stop() {
  if [[ -n "${PULSE_PID:-}" ]]; then
    kill "$PULSE_PID" 2>/dev/null
    wait "$PULSE_PID" 2>/dev/null
    PULSE_PID=
  fi
}
