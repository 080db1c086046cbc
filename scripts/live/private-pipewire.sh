#!/usr/bin/env bash
# Source this file: `pipewire_start DIR` starts a private, headless PipeWire (pipewire + wireplumber +
# pipewire-pulse, on a private session dbus) whose whole state lives in DIR, and exports PULSE_SERVER so that
# pactl/paplay/parecord and rtdenoise talk to its pulse server; `pipewire_stop` kills all four and waits.
# The caller must `trap pipewire_stop EXIT`. Recipe: ../shared/docs/ci-recipes.md (PipeWire needs a private dbus).
# PIPEWIRE_CONF_D: a folder of *.conf fragments merged into pipewire.conf (e.g. a generated filter-chain).
# `pipewire_restart_pulse` (or running this file: `bash private-pipewire.sh restart`, with PIPEWIRE_DIR from
# pipewire_start in the environment, as a test does) restarts pipewire-pulse alone, which reads its config and
# conf.d again; its pid is kept in DIR/pipewire-pulse.pid so that pipewire_stop stops a restarted one too.

pipewire_start() {
  local w=$1 i
  mkdir -p "$w/run/pulse" "$w/config/pipewire/pipewire.conf.d" "$w/state"
  chmod 700 "$w/run"
  [[ -n "${PIPEWIRE_CONF_D:-}" ]] && cp "$PIPEWIRE_CONF_D"/*.conf "$w/config/pipewire/pipewire.conf.d/" 2>/dev/null
  export XDG_RUNTIME_DIR=$w/run XDG_CONFIG_HOME=$w/config XDG_STATE_HOME=$w/state PIPEWIRE_RUNTIME_DIR=$w/run \
         PULSE_RUNTIME_PATH=$w/run/pulse PULSE_SERVER=unix:$w/run/pulse/native DISABLE_RTKIT=1 JACK_NO_START_SERVER=1 \
         DBUS_SESSION_BUS_ADDRESS=unix:path=$w/run/bus
  unset PULSE_COOKIE PULSE_STATE_PATH
  PW_PIDS=()
  dbus-daemon --session --address="$DBUS_SESSION_BUS_ADDRESS" --nofork --nopidfile >"$w/dbus.log" 2>&1 &
  PW_PIDS+=($!)
  for i in $(seq 1 30); do [[ -S $w/run/bus ]] && break; sleep 0.1; done
  pipewire >"$w/pipewire.log" 2>&1 &
  PW_PIDS+=($!)
  for i in $(seq 1 30); do [[ -S $w/run/pipewire-0 ]] && break; sleep 0.1; done
  wireplumber >"$w/wireplumber.log" 2>&1 &
  PW_PIDS+=($!)
  pipewire-pulse >"$w/pipewire-pulse.log" 2>&1 &
  PW_PIDS+=($!)
  echo $! >"$w/pipewire-pulse.pid"
  PIPEWIRE_PID=${PW_PIDS[1]} PIPEWIRE_DIR=$w
  export PIPEWIRE_DIR
  for i in $(seq 1 50); do
    if timeout -k 2 5 pactl info 2>/dev/null | grep 'PipeWire' >/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "private PipeWire did not start; logs:" >&2
  tail -5 "$w"/pipewire.log "$w"/wireplumber.log "$w"/pipewire-pulse.log "$w"/dbus.log >&2
  pipewire_stop
  return 1
}

pipewire_restart_pulse() {
  local w=${PIPEWIRE_DIR:?pipewire_start first} old i
  old=$(cat "$w/pipewire-pulse.pid" 2>/dev/null)
  if [[ -n "$old" ]]; then
    kill "$old" 2>/dev/null
    # Gone or a zombie (a child of the phase's shell is reaped only by that shell).
    for i in $(seq 1 50); do [[ -r /proc/$old/stat && $(awk '{print $3}' "/proc/$old/stat") != Z ]] || break; sleep 0.1; done
  fi
  # setsid: a test that restarts it ends before the phase does; pipewire-pulse must not be in its process group.
  setsid pipewire-pulse >"$w/pipewire-pulse-restarted.log" 2>&1 &
  echo $! >"$w/pipewire-pulse.pid"
  for i in $(seq 1 50); do
    if timeout -k 2 5 pactl info 2>/dev/null | grep 'PipeWire' >/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "pipewire-pulse did not start again; log:" >&2
  tail -5 "$w/pipewire-pulse-restarted.log" >&2
  return 1
}

PW_PIDS=()
pipewire_stop() {
  local i p restarted
  restarted=$(cat "${PIPEWIRE_DIR:-/nonexistent}/pipewire-pulse.pid" 2>/dev/null)
  if [[ -n "$restarted" && " ${PW_PIDS[*]} " != *" $restarted "* ]]; then
    kill "$restarted" 2>/dev/null # not our child: restarted by a test
    for i in $(seq 1 50); do kill -0 "$restarted" 2>/dev/null || break; sleep 0.1; done
  fi
  for ((i = ${#PW_PIDS[@]} - 1; i >= 0; i--)); do
    p=${PW_PIDS[i]}
    kill "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  PW_PIDS=()
}

if [[ "${BASH_SOURCE[0]}" == "$0" && "${1:-}" == restart ]]; then
  pipewire_restart_pulse
fi
