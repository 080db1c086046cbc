#!/usr/bin/env bash
# Phase 65: the stop rule, against the built `rtdenoise` out of process, for every kind of long-running command:
# SIGTERM (and the other stop signals) end the process within 2 s with 128 + the signal's number and leave no
# temporary file, whatever it is doing or blocked on — denoise mid-write, a batch, eval, a hosted LADSPA plugin in an
# endless loop; a FIFO with no writer (input, model, chain) is refused by kind at once. SIGXFSZ (a file-size limit) turns into an I/O error
# with no temporary file. Each child starts through `env --default-signal`, so a runner that inherited ignored
# signals (nohup, `cmd &`) still tests our handlers. Prints one PHASE-RESULT line.
source "$(dirname "$0")/lib-phase.bash" signals
echo "--- 65-signals"
bin=$root/src/HostApp/bin/Release/net10.0/rtdenoise.dll
if [[ ! -f "$bin" ]]; then
  fail "rtdenoise not built ($bin; scripts/test.sh builds it first)"; result; exit 0
fi
rt() { env --default-signal dotnet "$bin" "$@"; }

# 10 minutes of noise at 16 kHz: long enough that every command is still busy when the signal arrives.
python3 - "$work/long.wav" <<'PY'
import random, struct, sys, wave
random.seed(65)
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
    block = struct.pack("<16000h", *(random.randint(-3000, 3000) for _ in range(16000)))
    for _ in range(600):
        w.writeframes(block)
PY
mkdir -p "$work/in" "$work/clean" "$work/noisy"
for i in 1 2 3; do cp "$work/long.wav" "$work/in/f$i.wav"; cp "$work/long.wav" "$work/clean/f$i.wav"; cp "$work/long.wav" "$work/noisy/f$i.wav"; done

# check NAME SIGNAL EXPECTED_EXIT WATCH_DIR READY_CMD -- COMMAND...
#   starts COMMAND, waits until READY_CMD succeeds (at most 60 s), sends SIGNAL, and checks the exit within 2 s, the
#   exit code and that WATCH_DIR holds no *.tmp file afterwards.
check() {
  local name=$1 sig=$2 want=$3 watch=$4 ready=$5; shift 6
  # Started directly (not through a shell function), so $! is the process the signal is for.
  env --default-signal dotnet "$bin" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$! waited=0
  until eval "$ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then fail "$name: ended before the signal ($(tail -1 "$work/$name.err"))"; return; fi
    sleep 0.1; waited=$((waited + 1))
    if [[ $waited -gt 600 ]]; then kill -KILL "$pid"; fail "$name: never got ready"; return; fi
  done
  local t0 t1 code
  t0=$(date +%s%N)
  kill "-$sig" "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.02
    if [[ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 5000 ]]; then kill -KILL "$pid"; break; fi
  done
  wait "$pid"; code=$?
  t1=$(( ($(date +%s%N) - t0) / 1000000 ))
  local left
  left=$(find "$watch" -name '*.tmp' 2>/dev/null | head -3)
  if [[ $t1 -le 2000 && $code -eq $want && -z "$left" ]]; then
    pass "$name: SIG$sig → exit $code in $t1 ms, no temporary file"
  else
    fail "$name: SIG$sig → exit $code (want $want) in $t1 ms (limit 2000)${left:+, left: $left}; stderr: $(tail -2 "$work/$name.err" | tr '\n' ' ')"
  fi
}
tmp_in() { [[ -n "$(find "$1" -name '*.tmp' 2>/dev/null | head -1)" ]]; }

mkdir -p "$work/o1" "$work/o2" "$work/o3" "$work/o4" "$work/o5" "$work/o6" "$work/o7"
check denoise TERM 143 "$work/o1" "tmp_in $work/o1" -- denoise "$work/long.wav" "$work/o1/out.wav" --quiet
check denoise-quit QUIT 131 "$work/o2" "tmp_in $work/o2" -- denoise "$work/long.wav" "$work/o2/out.wav" --quiet
check denoise-usr1 USR1 138 "$work/o3" "tmp_in $work/o3" -- denoise "$work/long.wav" "$work/o3/out.wav" --quiet
check denoise-alrm ALRM 142 "$work/o4" "tmp_in $work/o4" -- denoise "$work/long.wav" "$work/o4/out.wav" --quiet
check batch TERM 143 "$work/o5" "tmp_in $work/o5" -- denoise "$work/in" --out-dir "$work/o5" --jobs 2 --quiet
check eval TERM 143 "$work/o6" "sleep 3" -- eval --clean "$work/clean" --noisy "$work/noisy" --out "$work/o6" --processor classic --quiet

# A FIFO with no writer, as input, model or chain file: refused by its kind before any open that could block.
mkfifo "$work/fifo.wav" "$work/fifo.rtm" "$work/fifo.json"
refused() { # NAME -- COMMAND...: exit 2 within 2 s, without waiting for a writer
  local name=$1; shift 2
  local t0 code ms
  t0=$(date +%s%N)
  timeout -k 1 10 env --default-signal dotnet "$bin" "$@" >/dev/null 2>"$work/$name.err"; code=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  if [[ $code -eq 2 && $ms -le 2000 ]]; then pass "$name: refused in $ms ms: $(head -1 "$work/$name.err")"; else fail "$name: exit $code in $ms ms (want 2 within 2000); $(head -1 "$work/$name.err")"; fi
}
refused fifo-input -- denoise "$work/fifo.wav" "$work/o7/out.wav" --quiet
refused fifo-model -- model-info "$work/fifo.rtm"
refused fifo-model-denoise -- denoise "$work/long.wav" "$work/o7/x.wav" --model "$work/fifo.rtm" --quiet
refused fifo-chain -- denoise "$work/long.wav" "$work/o7/y.wav" --chain "$work/fifo.json" --quiet

# A hosted plugin that never returns: swh's delay_n with a 3e9-second maximum delay spends its instantiation
# clearing a buffer of that size.
delay=$(ls /usr/lib/ladspa/delay_1898.so 2>/dev/null)
if [[ -n "$delay" ]]; then
  mkdir -p "$work/o8"
  check plugin-loop TERM 143 "$work/o8" "sleep 2" -- denoise "$work/long.wav" "$work/o8/out.wav" --quiet --chain "ladspa:delay_1898.so:delay_n?Max Delay (s)=3e9"

  # The second signal ends the process at once, without waiting out the grace time (the plugin never returns).
  env --default-signal dotnet "$bin" denoise "$work/long.wav" "$work/o8/two.wav" --quiet --chain "ladspa:delay_1898.so:delay_n?Max Delay (s)=3e9" >/dev/null 2>"$work/two.err" &
  pid=$!
  sleep 2
  t0=$(date +%s%N)
  kill -INT "$pid"; sleep 0.1; kill -INT "$pid"
  wait "$pid"; code=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  left=$(find "$work/o8" -name '*.tmp' | head -3)
  if [[ $code -eq 130 && $ms -lt 700 && -z "$left" ]]; then pass "second SIGINT: exit 130 in $ms ms"; else fail "second SIGINT: exit $code in $ms ms (want 130 in < 700)${left:+, left: $left}"; fi
else
  skip "plugin-loop (swh-plugins not installed: /usr/lib/ladspa/delay_1898.so)"
  skip "second SIGINT (needs the looping plugin)"
fi

# SIGXFSZ: a 1 MB file-size limit stops the write; the run must end as an I/O error with nothing left behind.
# (W^X off: the runtime's double-mapped code heap is a file, which the limit would refuse at start-up.)
mkdir -p "$work/o9"
( ulimit -f 1024; DOTNET_EnableWriteXorExecute=0 rt denoise "$work/long.wav" "$work/o9/out.wav" --quiet ) >"$work/xfsz.out" 2>"$work/xfsz.err"
code=$?
left=$(find "$work/o9" -name '*.tmp' | head -3)
if [[ $code -ne 0 && $code -lt 128 && -z "$left" && ! -e "$work/o9/out.wav" ]]; then
  pass "file-size limit: exit $code, $(head -1 "$work/xfsz.err"), no temporary file"
else
  fail "file-size limit: exit $code${left:+, left: $left}; stderr: $(tail -2 "$work/xfsz.err" | tr '\n' ' ')"
fi
result
