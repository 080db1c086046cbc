#!/usr/bin/env bash
# usage: bypass-error.sh RTDENOISE → max |out − in| of `rtdenoise denoise --processor bypass` (latency compensated by
# the command) on 3 s of 440 Hz (0.3) + white noise (0.2), float WAV, at 8/16/44.1/48 kHz. The difference is taken
# over the WAVs' float samples as stored, read by scripts/test-phases/lib-correlate.py's read_wav (sox would pass
# them through its 32-bit integer pipeline, and sox stat prints only 6 decimals, which reads 0 here).
set -eu
[[ $# -eq 1 ]] || { echo "usage: $0 RTDENOISE (path of the rtdenoise executable)" >&2; exit 2; }
lib=$(cd "$(dirname "$0")/../test-phases" && pwd)/lib-correlate.py
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
for r in 8000 16000 44100 48000; do
  sox -R -n -r $r -c 1 -e floating-point -b 32 "$w/s.wav" synth 3 sine 440 vol 0.3
  sox -R -n -r $r -c 1 -e floating-point -b 32 "$w/n.wav" synth 3 whitenoise vol 0.2
  sox -m -v 1 "$w/s.wav" -v 1 "$w/n.wav" -e floating-point "$w/tn$r.wav"
done
for r in 8000 16000 44100 48000; do
  "$1" denoise "$w/tn$r.wav" "$w/out$r.wav" --processor bypass --quiet
  d=$(python3 - "$lib" "$w/tn$r.wav" "$w/out$r.wav" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("lib_correlate", sys.argv[1])
wav = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wav)
x, y = wav.read_wav(sys.argv[2]), wav.read_wav(sys.argv[3])
if len(x) != len(y):
    sys.exit(f"lengths differ: {len(x)} vs {len(y)} samples")
print(f"{max(abs(p - q) for p, q in zip(x, y)):.3g}")
PY
)
  echo "$r Hz: max error $d"
done
