#!/usr/bin/env bash
# Source this file: `pipewire_start DIR` starts a private, headless PipeWire (pipewire + wireplumber +
# pipewire-pulse, on a private session dbus) whose whole state lives in DIR, and exports PULSE_SERVER so that
# pactl/paplay/parecord and rtdenoise talk to its pulse server; `pipewire_stop` kills all four and waits.
# The caller must `trap pipewire_stop EXIT`. Recipe: ../shared/docs/ci-recipes.md (PipeWire needs a private dbus).
# PIPEWIRE_CONF_D: a folder of *.conf fragments merged into pipewire.conf (e.g. a generated filter-chain).

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
  PIPEWIRE_PID=${PW_PIDS[1]}
  for i in $(seq 1 50); do
    if timeout -k 2 5 pactl info 2>/dev/null | grep 'PipeWire' >/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "private PipeWire did not start; logs:" >&2
  tail -5 "$w"/pipewire.log "$w"/wireplumber.log "$w"/pipewire-pulse.log "$w"/dbus.log >&2
  pipewire_stop
  return 1
}

PW_PIDS=()
pipewire_stop() {
  local i p
  for ((i = ${#PW_PIDS[@]} - 1; i >= 0; i--)); do
    p=${PW_PIDS[i]}
    kill "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  PW_PIDS=()
}
