#!/usr/bin/env bash
# Source this file: `pulse_start DIR` starts a private PulseAudio daemon whose whole state lives in DIR, with the
# null sinks the live tests use; `pulse_stop` kills it and waits. Recipe: ../shared/docs/ci-recipes.md.
#   noisy_in      null sink the test plays the noisy file into; rtdenoise reads noisy_in.monitor
#   denoised_out  null sink rtdenoise plays into
#   virtual_mic   source remapped from denoised_out.monitor; the test records it
# The caller must `trap pulse_stop EXIT` so no daemon outlives it.
# `pulse_restart` (or running this file: `bash private-pulse.sh restart`, with PULSE_DIR from pulse_start in the
# environment, as a test does) stops the daemon and starts it again. When PULSE_CONFIG_PATH is set, the new daemon
# gets no -n/-F: it runs $PULSE_CONFIG_PATH/default.pa by its own lookup, as a user's login would, which is what
# the --persist test proves. The daemon's pid is kept in DIR/pulse.pid, so pulse_stop finds a restarted one too.

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
  PULSE_PID=$! PULSE_LOG=$w/pulseaudio.log PULSE_DIR=$w
  echo "$PULSE_PID" >"$w/pulse.pid"
  export PULSE_PID PULSE_DIR # the watchdog tests freeze the server (SIGSTOP) to see what a stop does meanwhile
  pulse_wait_ready
}

pulse_wait_ready() {
  local i
  for i in $(seq 1 50); do
    if pactl info >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$PULSE_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "private PulseAudio did not start; log:" >&2
  tail -20 "$PULSE_LOG" >&2
  pulse_stop
  return 1
}

# Running and not a zombie (a zombie answers kill -0).
pulse_alive() { [[ -r /proc/$1/stat ]] && [[ $(awk '{print $3}' "/proc/$1/stat") != Z ]]; }

pulse_restart() {
  local w=${PULSE_DIR:?pulse_start first} old
  old=$(cat "$w/pulse.pid" 2>/dev/null)
  if [[ -n "$old" ]]; then
    kill "$old" 2>/dev/null
    for _ in $(seq 1 50); do pulse_alive "$old" || break; sleep 0.1; done
  fi
  local script=(-n -F "$w/ci.pa")
  [[ -n "${PULSE_CONFIG_PATH:-}" ]] && script=()
  PULSE_LOG=$w/pulseaudio-restarted.log
  # setsid: a test that restarts the server ends before the phase does; the daemon must not be in its process group.
  # --use-pid-file=no: the old daemon, a child of the phase's shell, stays a zombie until that shell reaps it, and
  # PulseAudio takes a zombie named in its pid file for a daemon still running.
  setsid pulseaudio --daemonize=no --exit-idle-time=-1 --disable-shm=yes --use-pid-file=no "${script[@]}" --log-target=stderr >"$PULSE_LOG" 2>&1 &
  PULSE_PID=$!
  echo "$PULSE_PID" >"$w/pulse.pid"
  pulse_wait_ready
}

pulse_stop() {
  local current
  current=$(cat "${PULSE_DIR:-/nonexistent}/pulse.pid" 2>/dev/null)
  if [[ -n "$current" && "$current" != "${PULSE_PID:-}" ]]; then
    # Restarted by a test (pulse_restart in another process): that daemon is not our child.
    kill "${PULSE_PID:-}" 2>/dev/null; wait "${PULSE_PID:-}" 2>/dev/null
    kill "$current" 2>/dev/null
    for _ in $(seq 1 50); do pulse_alive "$current" || break; sleep 0.1; done
    PULSE_PID=
    return
  fi
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

if [[ "${BASH_SOURCE[0]}" == "$0" && "${1:-}" == restart ]]; then
  pulse_restart
fi
