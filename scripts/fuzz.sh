#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ and SharpFuzz:
#   scripts/fuzz.sh TARGET SECONDS [OUTDIR]
#     TARGET   model (RtmModel.Parse), wav (WavReader as the CLI reads) or chain (ChainSpecParser); see
#              tests/Fuzz/Program.cs for what is allowed to be thrown
#     SECONDS  the campaign's length (afl-fuzz -V)
#     OUTDIR   where the instrumented build and AFL's output go (default artifacts/fuzz/TARGET; a previous campaign
#              there is resumed from its queue)
# Builds tests/Fuzz in Release, copies it to OUTDIR/bin and instruments the project's assemblies there with
# SharpFuzz (RtDenoise.Engine.dll and RtDenoise.Offline.dll; RtDenoise.ModelFormat.dll, the weight payload decoder,
# for model; NAudio.Core.dll for wav: the harness itself is not instrumented), then runs
# afl-fuzz on the seed corpus tests/Fuzz/corpus/TARGET. Prints executions, execs/s, paths (corpus count), crashes
# and hangs from AFL's fuzzer_stats, and reproduces each crash with `RtDenoise.Fuzz repro`.
# Exit status: 0 no crash or hang, 1 crashes or hangs found (in OUTDIR/afl/default/{crashes,hangs}), 2 usage or
# a missing prerequisite (afl-fuzz: apt-get install afl++; the SharpFuzz.CommandLine 2.3.0 dotnet tool is installed
# into ~/.cache/rtdenoise when it is not on PATH).
# Memory: the harness runs with a managed-heap hard limit (FUZZ_HEAP_MB, default 512 MiB, as DOTNET_GCHeapHardLimit),
# so an input that makes a parser allocate beyond it throws OutOfMemoryException, which AFL records as a crash; and
# the peak resident set (VmHWM) of every harness process afl-fuzz starts is sampled each second and reported as
# "max RSS" (the largest any harness process reached, runtime included).
# Env: FUZZ_TIMEOUT_MS (per-input timeout, default 5000), FUZZ_NO_BUILD=1 (reuse tests/Fuzz/bin/Release),
# FUZZ_HEAP_MB (managed-heap hard limit, default 512).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

target=${1:-} seconds=${2:-}
if [[ ! $target =~ ^(model|wav|chain)$ || ! $seconds =~ ^[0-9]+$ || $seconds -lt 1 ]]; then
  echo "usage: scripts/fuzz.sh model|wav|chain SECONDS [OUTDIR]" >&2
  exit 2
fi
out=${3:-$root/artifacts/fuzz/$target}
mkdir -p "$out" && out=$(cd "$out" && pwd)

if ! command -v afl-fuzz >/dev/null; then
  echo "fuzz: afl-fuzz not found (apt-get install afl++)" >&2
  exit 2
fi
sharpfuzz=$(command -v sharpfuzz || true)
if [[ -z $sharpfuzz ]]; then
  tools=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/rtdenoise/sharpfuzz-2.3.0
  if [[ ! -x $tools/sharpfuzz ]] &&
    ! dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >"$out/tool-install.log" 2>&1; then
    cat "$out/tool-install.log" >&2
    echo "fuzz: could not install the SharpFuzz.CommandLine 2.3.0 dotnet tool" >&2
    exit 2
  fi
  sharpfuzz=$tools/sharpfuzz
fi

harness=$root/tests/Fuzz/bin/Release/net10.0
if [[ -z ${FUZZ_NO_BUILD:-} || ! -f $harness/RtDenoise.Fuzz.dll ]]; then
  if ! dotnet build tests/Fuzz/Fuzz.csproj -c Release >"$out/build.log" 2>&1; then
    tail -20 "$out/build.log" >&2
    echo "fuzz: the harness did not build" >&2
    exit 2
  fi
fi

# A fresh copy to instrument: the build output itself stays uninstrumented.
rm -rf "$out/bin" && cp -r "$harness" "$out/bin"
dlls=(RtDenoise.Engine.dll RtDenoise.Offline.dll)
[[ $target == model ]] && dlls+=(RtDenoise.ModelFormat.dll)
[[ $target == wav ]] && dlls+=(NAudio.Core.dll)
for dll in "${dlls[@]}"; do
  if ! "$sharpfuzz" "$out/bin/$dll" >"$out/instrument.log" 2>&1; then
    cat "$out/instrument.log" >&2
    echo "fuzz: sharpfuzz could not instrument $dll" >&2
    exit 2
  fi
done

# AFL++ settings that work as root on a stock Debian 12 or in a container: the target is `dotnet` (not compiled
# with afl-cc, SharpFuzz provides the coverage map), no CPU binding (2 shared cores), no frequency or core_pattern
# checks (core_pattern is often piped to a crash handler, and is not ours to change), no curses UI.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_QUIET=1 AFL_AUTORESUME=1
# The .NET runtime reserves a large virtual address range: no memory limit (-m none).
timeout_ms=${FUZZ_TIMEOUT_MS:-5000}
input=$root/tests/Fuzz/corpus/$target
[[ -d $out/afl/default/queue ]] && input=- # resume the previous campaign in OUTDIR
heap_mb=${FUZZ_HEAP_MB:-512}
export DOTNET_GCHeapHardLimit=$(printf '0x%x' $((heap_mb * 1024 * 1024)))

# Peak RSS of the harness: VmHWM of each child of afl-fuzz, the largest seen (in kB) kept in a file. A child that
# lives less than a second can be missed; SharpFuzz keeps one process for many inputs, so few are.
rss_file=$out/max-rss-kb
echo 0 >"$rss_file"
sample_rss() {
  local afl_pid=$1 max=0 kb child
  while kill -0 "$afl_pid" 2>/dev/null; do
    for child in $(pgrep -P "$afl_pid" 2>/dev/null); do
      kb=$(awk '$1 == "VmHWM:" {print $2}' "/proc/$child/status" 2>/dev/null)
      if [[ -n $kb && $kb -gt $max ]]; then
        max=$kb
        echo "$max" >"$rss_file"
      fi
    done
    sleep 1
  done
}

start=$(date +%s)
afl-fuzz -i "$input" -o "$out/afl" -t "$timeout_ms" -m none -V "$seconds" -- \
  dotnet "$out/bin/RtDenoise.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 &
afl_pid=$!
sample_rss "$afl_pid" &
sampler_pid=$!
# A signal to this script ends the campaign (afl-fuzz saves its state on SIGINT/SIGTERM).
trap 'kill -TERM "$afl_pid" 2>/dev/null' INT TERM
wait "$afl_pid"
code=$?
if kill -0 "$afl_pid" 2>/dev/null; then # a trapped signal interrupted the wait: collect afl-fuzz's own status
  wait "$afl_pid"
  code=$?
fi
trap - INT TERM
kill "$sampler_pid" 2>/dev/null
wait "$sampler_pid" 2>/dev/null
elapsed=$(($(date +%s) - start))
max_rss_mb=$(awk '{printf "%.1f", $1 / 1024}' "$rss_file")
stats=$out/afl/default/fuzzer_stats
if [[ ! -f $stats ]]; then
  tail -30 "$out/afl.log" >&2
  echo "fuzz: afl-fuzz exited with $code and wrote no fuzzer_stats" >&2
  exit 2
fi
stat() { awk -F' *: *' -v k="$1" '$1 == k {print $2}' "$stats"; }
crashes=$(stat saved_crashes) hangs=$(stat saved_hangs)
echo "fuzz $target: ${elapsed} s, $(stat execs_done) executions ($(stat execs_per_sec) execs/s), paths $(stat corpus_count)" \
  "(found $(stat corpus_found), coverage $(stat bitmap_cvg)), crashes ${crashes:-?}, hangs ${hangs:-?}, max RSS $max_rss_mb MB (heap limit $heap_mb MiB); output $out/afl/default"
if [[ ${crashes:-0} -gt 0 || ${hangs:-0} -gt 0 ]]; then
  for f in "$out"/afl/default/crashes/id:* "$out"/afl/default/hangs/id:*; do
    [[ -e $f ]] || continue
    echo "  input $f:"
    timeout 60 dotnet "$harness/RtDenoise.Fuzz.dll" repro "$target" "$f" 2>&1 | grep -E '^(FAIL|ok)|^ +at ' | head -6 | sed 's/^/    /'
  done
  exit 1
fi
exit 0
