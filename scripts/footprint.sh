#!/usr/bin/env bash
# Process footprint of `rtdenoise denoise` on the bundled sample: framework-dependent (JIT) vs NativeAOT.
# Prints wall time (start-up included) and peak RSS (/usr/bin/time %M) for each, best of 5 runs.
# Needs clang and zlib1g-dev for the AOT publish (the ILCompiler package comes from NuGet).
#   usage: scripts/footprint.sh [--processor classic|dnn|bypass]
set -euo pipefail
cd "$(dirname "$0")/.."
processor=${2:-classic}
[[ "${1:-}" == "--processor" ]] || processor=classic
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet build src/HostApp -c Release >/dev/null
dotnet publish src/HostApp -c Release -r linux-x64 -p:PublishAot=true -o artifacts/aot >/dev/null

measure() { # label command...
  local label=$1; shift
  local best_t=999 best_m=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -o "$out/time" -f "%e %M" "$@" >/dev/null 2>&1
    read -r t m <"$out/time"
    if awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; best_m=$m; fi
  done
  printf '| %s | %s s | %.1f MiB |\n' "$label" "$best_t" "$(awk "BEGIN{print $best_m/1024}")"
}

echo "| build | wall time (6 s sample, start-up included) | peak RSS |"
echo "|---|---:|---:|"
measure "framework-dependent (dotnet rtdenoise.dll)" dotnet src/HostApp/bin/Release/net10.0/rtdenoise.dll denoise samples/noisy_speech.wav "$out/a.wav" --processor "$processor"
measure "NativeAOT (artifacts/aot/rtdenoise)" artifacts/aot/rtdenoise denoise samples/noisy_speech.wav "$out/b.wav" --processor "$processor"
measure "NativeAOT start-up only (--help)" artifacts/aot/rtdenoise --help
ls -l artifacts/aot/rtdenoise | awk '{printf "AOT binary size: %.1f MiB\n", $5/1048576}'
