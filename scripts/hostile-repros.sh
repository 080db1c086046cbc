#!/usr/bin/env bash
# The hostile inputs a review found (crafted WAV and model files, batch abuse, signals, sound-server arguments), each
# run against the current build; prints one Markdown table row per case: what was run, the exit code, the time it
# took, and the first line the user sees, plus "input intact" where an input could have been overwritten.
#   scripts/hostile-repros.sh            (needs the Release build: dotnet build Realtime.sln -c Release)
# Cases that need a sound server run on a private PulseAudio (scripts/live/private-pulse.sh) when pulseaudio is
# installed, and the plugin ones need artifacts/ladspa/rtdenoise_ladspa.so (scripts/build-ladspa.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
app=$root/src/HostApp/bin/Release/net10.0/rtdenoise
[[ -x $app ]] || { echo "build first: dotnet build Realtime.sln -c Release" >&2; exit 2; }
w=$(mktemp -d /tmp/rtdenoise-repros.XXXXXX)
pulse=
cleanup() { [[ -n $pulse ]] && pulse_stop; chmod -R u+rwx "$w" 2>/dev/null; rm -rf "$w"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$w"
cp "$root/samples/clean_speech.wav" clean.wav
cp "$root/samples/noisy_speech.wav" x.wav
model=$root/models/denoiser.rtm

# row CASE -- COMMAND...: runs it (10 s bound), prints | case | command | exit | ms | first line |
row() {
  local case=$1; shift; [[ $1 == -- ]] && shift
  local t0 t1 code line
  t0=$(date +%s%N)
  timeout -k 2 10 "$@" >out.txt 2>err.txt </dev/null
  code=$?
  t1=$(date +%s%N)
  line=$(grep -v '^\s*$' err.txt | head -1)
  [[ -z $line ]] && line=$(grep -v '^\s*$' out.txt | head -1)
  [[ $code == 124 || $code == 137 ]] && line="(killed by the 10 s bound) $line"
  local cmd=${*//$app/rtdenoise}
  cmd=${cmd//$w\//}
  cmd=${cmd//$root\//}
  printf '| %s | `%s` | %s | %d | %s |\n' "$case" "${cmd:0:110}" "$code" $(((t1 - t0) / 1000000)) "${line:0:220}"
}
sum() { sha256sum "$@" 2>/dev/null | awk '{print $1}' | sha256sum | cut -c1-12; }
intact() { [[ $(sum "${@:2}") == "$1" ]] && echo "| | | | | input intact |" || echo "| | | | | **INPUT CHANGED** |"; }
wav() { python3 "$root/scripts/hostile-wav.py" "$@"; }

echo "| case | command | exit | ms | what the user sees |"
echo "|---|---|---:|---:|---|"

# 1. outputs that alias inputs
mkdir -p in d noisy cl && cp x.wav in/a.wav && cp x.wav d/x.wav && cp x.wav noisy/n.wav && cp clean.wav cl/n.wav
ln -s in link && ln -s d dl && ln -s noisy L && ln -s . self && cp "$model" m.rtm
h=$(sum in/a.wav); row "1 out-dir is the input folder through a symlink" -- "$app" denoise in --out-dir link; intact "$h" in/a.wav
h=$(sum d/x.wav); row "1 output is the input through a symlinked folder" -- "$app" denoise d/x.wav dl/x.wav; intact "$h" d/x.wav
h=$(sum noisy/n.wav); row "1 eval --out is the noisy folder" -- "$app" eval --clean cl --noisy noisy --out L; intact "$h" noisy/n.wav
h=$(sum m.rtm); row "1 quantize onto its input" -- "$app" quantize m.rtm self/m.rtm --format vbs3; intact "$h" m.rtm
h=$(sum m.rtm); row "1 calibrate onto its input" -- "$app" calibrate m.rtm --gain-exponent 1 --out m.rtm; intact "$h" m.rtm
# 2. out-dir inside a recursive input
mkdir -p tree/sub && cp x.wav tree/a.wav && cp x.wav tree/sub/b.wav
"$app" denoise tree --recursive --out-dir tree/out --quiet >/dev/null 2>&1
row "2 rerun with --out-dir inside a recursive input" -- "$app" denoise tree --recursive --out-dir tree/out
echo "| | | | | outputs: $(find tree/out -name '*.wav' | sort | tr '\n' ' ') |"
# 3. a replaced output keeps its mode
cp x.wav priv.wav && chmod 600 priv.wav
"$app" denoise x.wav priv.wav --quiet >/dev/null 2>&1
echo "| 3 replacing a 0600 output | \`rtdenoise denoise x.wav priv.wav\` | | | mode after: $(stat -c %a priv.wav) |"

# 5. hangs: FIFOs, globs, symlink loops
mkfifo fifo.rtm fifo.wav fifo.so
row "5 FIFO as model (model-info)" -- "$app" model-info fifo.rtm
row "5 FIFO as model (denoise --model)" -- "$app" denoise x.wav o1.wav --model fifo.rtm
row "5 FIFO as chain plugin" -- "$app" denoise x.wav o2.wav --chain "ladspa:$w/fifo.so:x"
row "5 FIFO as input" -- "$app" denoise fifo.wav o3.wav
mkdir -p g && cp x.wav "g/$(printf 'a_%.0s' {1..40})b.wav"
row "5 glob with catastrophic backtracking" -- "$app" denoise 'g/*a_*a_*a_*a_*a_*a_*a_*a_*.wav' --out-dir gout
mkdir -p loop/a && cp x.wav loop/a/x.wav && ln -s .. loop/a/up && ln -s ../.. loop/a/up2
row "5 recursion through two symlink loops" -- "$app" denoise loop --recursive --out-dir loopout
if [[ -f /usr/lib/ladspa/delay_1898.so ]]; then
  row "5 hosted plugin in an endless loop, SIGTERM at 1 s" -- bash -c "set -m; \"$app\" denoise \"$w/x.wav\" \"$w/o4.wav\" --chain 'ladspa:/usr/lib/ladspa/delay_1898.so:delay_n?Max Delay (s)=3e9&Delay Time (s)=1' & p=\$!; sleep 1; kill -TERM \$p; wait \$p"
fi
# 6. other stop signals during denoise leave no temporary file
python3 - <<'PY'
import wave, struct
w = wave.open("long.wav", "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
w.writeframes(b"\x01\x00" * 16000 * 600); w.close()
PY
# set -m: a background job of a non-interactive shell starts with SIGINT and SIGQUIT ignored (POSIX), and .NET keeps
# an inherited ignore; job control gives the child the default dispositions a terminal user's command has.
for s in QUIT USR1 ALRM XFSZ; do
  row "6 SIG$s during denoise" -- bash -c "set -m; \"$app\" denoise \"$w/long.wav\" \"$w/sig$s.wav\" --quiet & p=\$!; sleep 1.5; kill -$s \$p; wait \$p"
  echo "| | | | | files sig$s* left: $(ls -a | grep "sig$s" | tr '\n' ' ')$([[ $s == XFSZ ]] && echo '(SIGXFSZ is ignored by design, so the run completes)') |"
done

# 7. unbounded reads
wav rf64-ds64 0x40000000 > rf64big.wav; wav rf64-ds64 0x80000000 > rf64huge.wav
row "7 RF64 ds64 data size 0x40000000" -- "$app" denoise rf64big.wav o5.wav
row "7 RF64 ds64 data size 0x80000000" -- "$app" denoise rf64huge.wav o6.wav
row "7 --chain JSON that is a character device" -- "$app" denoise x.wav o7.wav --chain /dev/zero
row "7 /dev/zero as model" -- "$app" model-info /dev/zero
truncate -s 900M sparse.rtm
row "7 sparse 900 MB model" -- "$app" model-info sparse.rtm
head -c 17000000 /dev/urandom > big.rtm
row "7 17 MB model of noise" -- "$app" model-info big.rtm
# 8. stack traces and wrong answers
row "8 empty path (model-info)" -- "$app" model-info ""
row "8 empty path (denoise)" -- "$app" denoise "" o8.wav
printf '["\xed\xa0\x80"]' > surrogate.json
row "8 lone surrogate in chain JSON" -- "$app" denoise x.wav o9.wav --chain surrogate.json
row "8 --shard 1/2147483647" -- "$app" denoise in --out-dir sh --shard 1/2147483647
row "8 glob with [" -- "$app" denoise 'in/[a.wav' --out-dir gl
row "8 /dev/stdin as input" -- "$app" denoise /dev/stdin o10.wav
row "8 @DEFAULT_MONITOR@ as input" -- "$app" denoise @DEFAULT_MONITOR@ o11.wav
# 9. silent misreads
wav two-data > twodata.wav; wav rf64-ds64 -2 > rf64neg.wav
for vb in 0 33 65535; do wav extensible-valid-bits $vb > vb$vb.wav; done
wav block-align-0 > ba0.wav; wav float64-beyond > f64.wav
row "9 two data chunks" -- "$app" denoise twodata.wav o12.wav
row "9 RF64 data size -2" -- "$app" denoise rf64neg.wav o13.wav
for vb in 0 33 65535; do row "9 extensible valid bits $vb" -- "$app" denoise vb$vb.wav o14.wav; done
row "9 block align 0" -- "$app" denoise ba0.wav o15.wav
row "9 float64 beyond float range" -- "$app" denoise f64.wav o16.wav --processor bypass
echo '[{"processor": "gain", "value": 1e39}]' > big.json
row "9 JSON control 1e39" -- "$app" denoise x.wav o17.wav --chain big.json
wav rate 1000 > r1000.wav
row "9 rate 1000 Hz" -- "$app" denoise r1000.wav o18.wav
long=$(printf 'n%.0s' {1..240})
row "9 output name of 244 bytes" -- "$app" denoise x.wav "$long.wav" --processor bypass
mkdir -p batch/ok batch/locked && cp x.wav batch/ok/a.wav && cp x.wav batch/locked/b.wav && chmod 000 batch/locked
# Root reads a mode-000 folder anyway: as root, this case runs as nobody (setpriv), with an output folder nobody may
# write and HOME/DOTNET_CLI_HOME where nobody may write too.
asuser=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
  chmod 755 "$w" && chmod -R a+rX batch && chmod 000 batch/locked && mkdir -p bout && chmod 777 bout
  asuser=(env HOME=/tmp DOTNET_CLI_HOME=/tmp setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
row "9 locked subfolder in a recursive batch" -- "${asuser[@]}" "$app" denoise batch --recursive --out-dir bout --processor bypass
chmod 755 batch/locked
mkdir -p ev/c ev/n && cp clean.wav ev/c/a.wav && cp x.wav ev/n/a.wav && for i in $(seq 8); do head -c 100 x.wav > ev/n/bad$i.wav; cp clean.wav ev/c/bad$i.wav; done
row "9 eval with 8 of 9 files unreadable" -- "$app" eval --clean ev/c --noisy ev/n --processor bypass
# also found
printf 'path\tspeaker\n' > MANIFEST.tsv; mkdir -p man && mv MANIFEST.tsv man/
row "also: make-devset on an incomplete manifest" -- "$app" make-devset --data man --out devset
row "also: 1000 dnn chain elements" -- "$app" denoise x.wav o19.wav --chain "$(printf 'dnn,%.0s' {1..999})dnn"

# 4 and 10: the sound server
if command -v pulseaudio >/dev/null && command -v pactl >/dev/null; then
  source "$root/scripts/live/private-pulse.sh"
  if pulse_start "$w/pulse"; then
    pulse=1
    so=$root/artifacts/ladspa/rtdenoise_ladspa.so
    row "10 --input with module arguments" -- "$app" virtual-mic --in-server --input 'noisy_in.monitor adjust_time=0 remix=no' --plugin "$so"
    row "10 --pipewire-conf --rate 0" -- "$app" virtual-mic --pipewire-conf --rate 0 --plugin "$so"
    row "10 --pipewire-conf with a non-plugin file" -- "$app" virtual-mic --pipewire-conf --plugin "$w/x.wav"
    if [[ -f $so ]]; then
      mkdir -p "sp ace" && cp "$so" "sp ace/rtdenoise_ladspa.so"
      row "10 --plugin path with a space" -- "$app" virtual-mic --in-server --input noisy_in.monitor --name spmic --plugin "$w/sp ace/rtdenoise_ladspa.so"
      "$app" virtual-mic --in-server --input noisy_in.monitor --name keep --plugin "$so" >/dev/null 2>&1
      row "4 a failing --in-server replacement" -- "$app" virtual-mic --in-server --input no_such_source --name keep --plugin "$so"
      echo "| | | | | mic 'keep' still there: $(pactl list short sources | awk '$2=="keep"' | wc -l) |"
    fi
  fi
fi
