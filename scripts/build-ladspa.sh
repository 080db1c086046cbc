#!/usr/bin/env bash
# Builds rtdenoise as a LADSPA plugin: artifacts/ladspa/rtdenoise_ladspa.so (label "rtdenoise").
# NativeAOT shared library; needs clang and zlib1g-dev (apt) and the ILCompiler packages from NuGet (the SDK picks them).
# Usage: scripts/build-ladspa.sh [RID]   (default linux-x64; linux-arm64 needs a cross toolchain)
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
out=artifacts/ladspa
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in clang; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install clang zlib1g-dev)" >&2; exit 2; }
done
dotnet publish src/LadspaPlugin/LadspaPlugin.csproj -c Release -r "$rid" \
  -p:PublishAot=true -p:NativeLib=Shared -p:StripSymbols=true -o "$out" -nologo -v quiet
test -f "$out/rtdenoise_ladspa.so" || { echo "error: $out/rtdenoise_ladspa.so was not produced" >&2; exit 1; }
# Only the .so is the plugin; keep the symbols file beside it for debugging, drop the managed leftovers.
find "$out" -maxdepth 1 -type f ! -name 'rtdenoise_ladspa.so' ! -name 'rtdenoise_ladspa.so.dbg' -delete
ls -l "$out"
