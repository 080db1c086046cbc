#!/usr/bin/env bash
# What an external-route virtual microphone leaves when its teardown cannot run to the end, on a private PulseAudio:
#   scripts/live/frozen-server.sh [--signal TERM|KILL] [--freeze-seconds 3]
# Starts `rtdenoise virtual-mic --bypass`, waits until it streams, stops the server (SIGSTOP; not with KILL), sends
# the signal, prints how long the process took to end and its exit code, resumes the server after --freeze-seconds,
# then prints how long its modules took to disappear (the watchdog's work) — or that they did not within 30 s.
# Needs pulseaudio, pactl and a Release build (dotnet build src/HostApp -c Release). No INT: a script's background
# job starts with SIGINT ignored (POSIX), and the .NET runtime keeps an inherited ignore, as a shell's job should.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
sig=TERM freeze=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --signal) sig=${2:?}; shift 2 ;;
    --freeze-seconds) freeze=${2:?}; shift 2 ;;
    *) echo "usage: $0 [--signal TERM|KILL] [--freeze-seconds S]" >&2; exit 2 ;;
  esac
done
[[ $sig =~ ^(TERM|KILL)$ && $freeze =~ ^[0-9]+$ ]] || { echo "$0: --signal TERM|KILL, --freeze-seconds N" >&2; exit 2; }
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise
[[ -x $app ]] || { echo "$0: build first: dotnet build src/HostApp -c Release" >&2; exit 2; }

source "$root/scripts/live/private-pulse.sh"
w=$(mktemp -d /tmp/rtdenoise-frozen.XXXXXX)
mic=
cleanup() {
  [[ -n ${PULSE_PID:-} ]] && kill -CONT "$PULSE_PID" 2>/dev/null
  [[ -n $mic ]] && kill -KILL "$mic" 2>/dev/null
  pulse_stop
  rm -rf "$w"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pulse_start "$w" || { echo "private PulseAudio did not start" >&2; exit 1; }

"$app" virtual-mic --input pulse:DEVICE=noisy_in.monitor --name frozen_probe --bypass --duration 120 2>"$w/err" &
mic=$!
for _ in $(seq 200); do grep -q "Ctrl-C stops" "$w/err" && break; sleep 0.1; done
sleep 1
owned() { pactl list short modules | grep -cE "rtdenoise\.owner=$mic([^0-9]|$)"; }
echo "virtual-mic pid $mic streaming; its modules: $(owned)"
[[ $sig == KILL ]] || kill -STOP "$PULSE_PID"
t0=$(date +%s%N)
kill "-$sig" "$mic"
wait "$mic"
code=$?
t1=$(date +%s%N)
echo "SIG$sig$([[ $sig == KILL ]] || echo ' with the server stopped'): ended in $(((t1 - t0) / 1000000)) ms, exit $code"
grep -E "removed|watchdog" "$w/err" | sed 's/^/  /'
if [[ $sig != KILL ]]; then
  sleep "$freeze"
  kill -CONT "$PULSE_PID"
  echo "server resumed after $freeze s"
fi
t2=$(date +%s%N)
for _ in $(seq 300); do
  if [[ $(owned) == 0 ]]; then
    echo "its modules were gone $((($(date +%s%N) - t2) / 1000000)) ms later"
    mic=
    exit 0
  fi
  sleep 0.1
done
echo "its modules were still loaded 30 s later:"; pactl list short modules | grep -E "rtdenoise\.owner=$mic([^0-9]|$)"
mic=
exit 1
