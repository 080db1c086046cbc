#!/usr/bin/env bash
# Phase 50: scripts/install.sh into a scratch PREFIX, then a smoke set against the installed NativeAOT binary,
# run through PATH from a folder outside the repository (so the models must come from beside the binary):
#   install   scripts/install.sh PREFIX succeeds; bin/rtdenoise, lib/rtdenoise/models, lib/ladspa/rtdenoise_ladspa.so
#   startup   `rtdenoise --version` takes ≤ 30 ms CPU (least of 5, perf stat; else best of 3, /usr/bin/time)
#   usage     no arguments: the usage on stderr, exit 2
#   denoise   the bundled sample, with the default model found beside the binary
#   jit       the same output bytes (16 kHz; 48 kHz and 44.1 kHz stereo with sox) and metrics as the JIT build
#             (src/HostApp/bin/Release/net10.0/rtdenoise)
#   info      model-info prints the 15.94 ms latency
#   batch     a folder with a bad file: exit 1, the others written; two shards cover the folder
#   badinput  a missing input: exit 2, one line, no output file
#   quiet     denoise --quiet prints nothing
#   speex     --processor speex (needs libspeexdsp1) and a chain (highpass, dnn, limiter)
#   plugin    `rtdenoise plugins --path PREFIX/lib/ladspa` lists the installed plugin's label
#   plot      quant-report on one 1.5 s pair writes report.md and memory-vs-stoi.png (ScottPlot/SkiaSharp under AOT)
# Prints one PHASE-RESULT line; without clang/zlib1g-dev every check counts as skipped, with the reason.
# KEEP_WORK=1 keeps the scratch folder.
source "$(dirname "$0")/lib-phase.bash" install
checks=12

echo "--- 50-install"
if ! command -v clang >/dev/null || [[ ! -e /usr/include/zlib.h ]]; then
  skip "all $checks checks (NativeAOT needs clang and zlib1g-dev: apt-get install clang zlib1g-dev)"
  skipped=$((skipped + checks - 1)); result; exit 0
fi

prefix=$work/prefix
if timeout 1200 scripts/install.sh "$prefix" >"$work/install.log" 2>&1 \
  && [[ -x $prefix/bin/rtdenoise && -f $prefix/lib/rtdenoise/models/denoiser.rtm && -f $prefix/lib/ladspa/rtdenoise_ladspa.so ]]; then
  pass "install ($(du -h "$prefix/lib/rtdenoise/rtdenoise" | cut -f1) binary)"
else
  tail -20 "$work/install.log"; fail "install"
  skipped=$((skipped + checks - 1)); result; exit 0
fi

export PATH="$prefix/bin:$PATH"
cd "$work"
sample=$root/samples/noisy_speech.wav

# CPU of `rtdenoise --version`: perf's task-clock, the least of 5 runs, where perf works, else the best of 3 from
# /usr/bin/time. The least, not the mean: other jobs on the machine (a CI neighbour compiling) only ever add cache
# misses and migrations, so the mean measured 36 ms under a parallel build where the least stays at the binary's 20 ms.
ms=
for _ in 1 2 3 4 5; do
  t=$(perf stat -x, -e task-clock rtdenoise --version 2>&1 >/dev/null | awk -F, '/task-clock/ && $1 ~ /^[0-9.]+$/ {printf "%d", $1 + 0.5}')
  [[ -n "$t" ]] && { [[ -z "$ms" ]] || ((t < ms)); } && ms=$t
done
how="perf stat task-clock, least of 5"
if [[ -z "$ms" && -x /usr/bin/time ]]; then
  ms=999999 how="user + sys from /usr/bin/time, best of 3, 10 ms resolution"
  for _ in 1 2 3; do
    /usr/bin/time -f '%U %S' -o "$work/t" rtdenoise --version >/dev/null 2>&1
    t=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/t")
    ((t < ms)) && ms=$t
  done
fi
if [[ -z "$ms" ]]; then
  skip "startup (neither perf nor /usr/bin/time: apt-get install time)"
elif ((ms <= 30)); then
  pass "startup: --version ${ms} ms CPU ($how)"
else
  fail "startup: --version ${ms} ms CPU (> 30; $how)"
fi

rtdenoise >"$work/u.out" 2>"$work/u.err"; code=$?
if [[ $code -eq 2 ]] && grep -q '^Usage:' "$work/u.err"; then pass "usage: no arguments → usage, exit 2"; else fail "usage (exit $code)"; fi

if rtdenoise denoise "$sample" aot.wav --verbose >"$work/d.out" 2>"$work/d.err" && [[ -s aot.wav ]] \
  && grep -q "Model $prefix/lib/rtdenoise/models/denoiser.rtm" "$work/d.err"; then
  pass "denoise: $(head -1 "$work/d.out")"
else
  cat "$work/d.err"; fail "denoise (model beside the binary)"
fi

jit=$root/src/HostApp/bin/Release/net10.0/rtdenoise
if [[ -x $jit ]]; then
  "$jit" denoise "$sample" jit.wav --quiet
  m_aot=$(rtdenoise metrics "$root/samples/clean_speech.wav" aot.wav --json)
  m_jit=$("$jit" metrics "$root/samples/clean_speech.wav" jit.wav --json)
  same=yes
  cmp -s aot.wav jit.wav && [[ "$m_aot" == "$m_jit" ]] || same=no
  rates="16 kHz"
  if command -v sox >/dev/null; then # the resampling paths too: 48 kHz mono, 44.1 kHz stereo
    sox "$sample" -r 48000 n48.wav && sox "$sample" -r 44100 -c 2 n44.wav
    for f in n48 n44; do
      rtdenoise denoise $f.wav $f-aot.wav --quiet && "$jit" denoise $f.wav $f-jit.wav --quiet
      cmp -s $f-aot.wav $f-jit.wav || same=no
    done
    rates="16, 48 and 44.1 kHz stereo"
  fi
  if [[ $same == yes ]]; then pass "jit: same bytes as the JIT build at $rates, same metrics ($m_aot)"; else fail "jit: AOT and JIT outputs differ (metrics AOT $m_aot, JIT $m_jit)"; fi
else
  skip "jit (no JIT build at $jit)"
fi

if rtdenoise model-info "$root/models/denoiser.rtm" | grep 'latency 15.94 ms' >/dev/null; then pass "info: latency 15.94 ms"; else fail "info: latency"; fi

mkdir -p in/sub
for i in 1 2 3 4; do cp "$sample" "in/f$i.wav"; done
cp "$sample" in/sub/g.wav
echo "not a wav" >in/sub/bad.wav
rtdenoise denoise in --out-dir out --recursive --jobs 2 >"$work/b.out" 2>"$work/b.err"; code=$?
rtdenoise denoise in --out-dir s0 -r --shard 0/2 --quiet >/dev/null 2>&1
rtdenoise denoise in --out-dir s1 -r --shard 1/2 --quiet >/dev/null 2>&1
n_out=$(find out -name '*.wav' | wc -l)
n_shards=$( (cd s0 && find . -name '*.wav'; cd ../s1 && find . -name '*.wav') | sort -u | wc -l)
if [[ $code -eq 1 && $n_out -eq 5 && $n_shards -eq 5 && ! -e out/sub/bad.wav ]] && grep -q '5 of 6 files denoised' "$work/b.out"; then
  pass "batch: $(cat "$work/b.out")"
else
  cat "$work/b.out" "$work/b.err"; fail "batch (exit $code, $n_out outputs, $n_shards from shards)"
fi

rtdenoise denoise missing.wav never.wav >"$work/m.out" 2>"$work/m.err"; code=$?
if [[ $code -eq 2 && $(wc -l <"$work/m.err") -eq 1 && ! -e never.wav ]] && ! grep -q '   at ' "$work/m.err"; then
  pass "badinput: $(cat "$work/m.err")"
else
  fail "badinput (exit $code): $(head -3 "$work/m.err")"
fi

out=$(rtdenoise denoise "$sample" q.wav --quiet 2>&1)
if [[ -z "$out" && -s q.wav ]]; then pass "quiet: nothing printed"; else fail "quiet printed: $out"; fi

if ldconfig -p 2>/dev/null | grep 'libspeexdsp.so.1' >/dev/null; then
  if rtdenoise denoise "$sample" sp.wav --processor speex --quiet && rtdenoise denoise "$sample" ch.wav --chain "highpass:80,dnn,limiter:-1" --quiet; then
    pass "speex and a chain"
  else
    fail "speex or chain"
  fi
else
  skip "speex (libspeexdsp1 missing)"
fi

if rtdenoise plugins --path "$prefix/lib/ladspa" | grep 'rtdenoise' >/dev/null; then pass "plugin: listed from PREFIX/lib/ladspa"; else fail "plugin"; fi

if command -v sox >/dev/null; then
  mkdir -p qr/clean qr/noisy
  sox "$root/samples/clean_speech.wav" qr/clean/a.wav trim 0 1.5 && sox "$sample" qr/noisy/a.wav trim 0 1.5
  if rtdenoise quant-report --model "$root/models/denoiser-fp32.rtm" --clean qr/clean --noisy qr/noisy --out qr/rep \
    --configs "vbs3" --jobs 1 >"$work/qr.log" 2>&1 && [[ -s qr/rep/report.md && -s qr/rep/memory-vs-stoi.png ]]; then
    pass "plot: quant-report wrote report.md and memory-vs-stoi.png"
  else
    tail -5 "$work/qr.log"; fail "plot (quant-report)"
  fi
else
  skip "plot (sox missing: it cuts the test pair)"
fi

result
