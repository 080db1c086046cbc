#!/usr/bin/env bash
# usage: hf-band.sh CLEAN_DIR OUT_DIR → mean over files of the 9-20 kHz SNR (dB) of OUT against CLEAN, and of the
# output's 9-20 kHz level relative to the clean's (dB). Outputs of `rtdenoise eval --out` are latency-compensated.
[[ $# -eq 2 ]] || { echo "usage: $0 CLEAN_DIR OUT_DIR" >&2; exit 2; }
c=$1; o=$2
for f in "$c"/*.wav; do
  n=$(basename "$f")
  sc=$(sox "$f" -n sinc 9000-20000 stat 2>&1 | awk '/RMS +amplitude/{print $3}')
  so=$(sox "$o/$n" -n sinc 9000-20000 stat 2>&1 | awk '/RMS +amplitude/{print $3}')
  se=$(sox -m -v 1 "$o/$n" -v -1 "$f" -n sinc 9000-20000 stat 2>&1 | awk '/RMS +amplitude/{print $3}')
  echo "$sc $so $se"
done | awk '{ if ($1 > 0) { snr += 20*log($1/($3+1e-12))/log(10); lvl += 20*log(($2+1e-12)/$1)/log(10); k++ } }
  END { printf "hf_snr_db %.2f hf_level_vs_clean_db %.2f files %d\n", snr/k, lvl/k, k }'
