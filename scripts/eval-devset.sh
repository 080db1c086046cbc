#!/usr/bin/env bash
# Scores processors on the fixed validation set, overall, dry/reverberant halves and SNR bands, as in
# models/MODEL_CARD.md. Usage:
#   scripts/eval-devset.sh DEVSET_DIR RTDENOISE_BIN [MODEL.rtm] > table.tsv
# DEVSET_DIR is what `rtdenoise make-devset --out DEVSET_DIR` wrote (clean/, noisy/, meta.tsv). Subsets are built
# as symlink folders next to it (DEVSET_DIR.subsets/); each (processor, subset) is one `rtdenoise eval --json` line.
set -euo pipefail
dev=$1; bin=$2; model=${3:-}
sub="$dev.subsets"
declare -A rule=(
  [all]='1' [dry]='$4==0' [reverberant]='$4==1'
  [snr_-5_0]='$2<0' [snr_0_5]='$2>=0 && $2<5' [snr_5_10]='$2>=5 && $2<10' [snr_10_20]='$2>=10'
)
order=(all dry reverberant snr_-5_0 snr_0_5 snr_5_10 snr_10_20)
for s in "${order[@]}"; do
  rm -rf "$sub/$s"; mkdir -p "$sub/$s/clean" "$sub/$s/noisy"
  awk -F'\t' "NR>1 && (${rule[$s]}) {print \$1}" "$dev/meta.tsv" | while read -r f; do
    ln -s "$(realpath "$dev/clean/$f")" "$sub/$s/clean/$f"
    ln -s "$(realpath "$dev/noisy/$f")" "$sub/$s/noisy/$f"
  done
done
procs=(classic speex)
[[ -n "$model" ]] && procs=(dnn "${procs[@]}")
printf 'subset\tfiles\tprocessor\tstoi_noisy\tstoi\testoi_noisy\testoi\tsisdr_noisy\tsisdr\n'
for s in "${order[@]}"; do
  for p in "${procs[@]}"; do
    args=(eval --clean "$sub/$s/clean" --noisy "$sub/$s/noisy" --processor "$p" --json --quiet)
    [[ "$p" == dnn ]] && args+=(--model "$model")
    json=$("$bin" "${args[@]}")
    python3 -c 'import json,sys; j=json.loads(sys.argv[1]); n=j["noisy"]; p=j["processed"]
print("\t".join([sys.argv[2], str(j["files"]), sys.argv[3], "%.4f"%n["stoi"], "%.4f"%p["stoi"], "%.4f"%n["estoi"], "%.4f"%p["estoi"], "%.2f"%n["sisdr_db"], "%.2f"%p["sisdr_db"]]))' "$json" "$s" "$p"
  done
done
