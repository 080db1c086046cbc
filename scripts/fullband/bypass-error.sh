#!/usr/bin/env bash
# usage: bypass-error.sh RTDENOISE → max |out − in| of `rtdenoise denoise --processor bypass` (latency compensated by
# the command) on 3 s of 440 Hz (0.3) + white noise (0.2), float WAV, at 8/16/44.1/48 kHz (sox stat: 6 decimals).
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
  d=$(sox -m -v 1 "$w/out$r.wav" -v -1 "$w/tn$r.wav" -n stat 2>&1 | awk '/Maximum amplitude/{mx=$3} /Minimum amplitude/{mn=-$3} END{print (mx>mn?mx:mn)}')
  echo "$r Hz: max error $d"
done
