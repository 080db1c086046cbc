#!/usr/bin/env bash
# usage: bypass-error.sh RTDENOISE → max |out − in| of `rtdenoise denoise --processor bypass` (latency compensated by
# the command) on 3 s of 440 Hz (0.3) + white noise (0.2), float WAV, at 8/16/44.1/48 kHz. The difference is taken
# over the float samples (sox -t f32, read by python3): sox stat prints only 6 decimals, which reads 0 here.
set -eu
[[ $# -eq 1 ]] || { echo "usage: $0 RTDENOISE (path of the rtdenoise executable)" >&2; exit 2; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
for r in 8000 16000 44100 48000; do
  sox -R -n -r $r -c 1 -e floating-point -b 32 "$w/s.wav" synth 3 sine 440 vol 0.3
  sox -R -n -r $r -c 1 -e floating-point -b 32 "$w/n.wav" synth 3 whitenoise vol 0.2
  sox -m -v 1 "$w/s.wav" -v 1 "$w/n.wav" -e floating-point "$w/tn$r.wav"
done
for r in 8000 16000 44100 48000; do
  "$1" denoise "$w/tn$r.wav" "$w/out$r.wav" --processor bypass --quiet
  sox "$w/tn$r.wav" -t f32 "$w/in.f32"
  sox "$w/out$r.wav" -t f32 "$w/out.f32"
  d=$(python3 - "$w/in.f32" "$w/out.f32" <<'PY'
import struct, sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
if len(a) != len(b):
    sys.exit(f"lengths differ: {len(a) // 4} vs {len(b) // 4} samples")
x, y = (struct.unpack(f"<{len(v) // 4}f", v) for v in (a, b))
print(f"{max(abs(p - q) for p, q in zip(x, y)):.3g}")
PY
)
  echo "$r Hz: max error $d"
done
