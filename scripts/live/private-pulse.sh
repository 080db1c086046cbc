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
  # --disable-shm: PulseAudio 16.1 (Debian 12) aborted under load in 1 of ~10 runs of the live phase with
  # "Assertion 'pa_hashmap_remove(import->blocks, ...)' failed at memblock.c:627, memblock_free()" — the daemon's
  # import of a client's shared-memory block, freed as the client disconnects. Audio over the socket instead takes
  # that code path away (a few % more daemon CPU at these rates; the tests measure our process, not the copy).
  pulseaudio --daemonize=no --exit-idle-time=-1 --disable-shm=yes -n -F "$w/ci.pa" --log-target=stderr >"$w/pulseaudio.log" 2>&1 &
  PULSE_PID=$! PULSE_LOG=$w/pulseaudio.log
  export PULSE_PID # the watchdog tests freeze the server (SIGSTOP) to see what a stop does meanwhile
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
    if ! kill -0 "$PULSE_PID" 2>/dev/null; then
      # It ended before we stopped it: whatever failed after that is explained by its log, which goes with DIR.
      wait "$PULSE_PID" 2>/dev/null
      echo "private PulseAudio (pid $PULSE_PID) had exited on its own (status $?); the end of its log:" >&2
      tail -15 "$PULSE_LOG" >&2
    fi
    kill "$PULSE_PID" 2>/dev/null
    wait "$PULSE_PID" 2>/dev/null
    PULSE_PID=
  fi
}
