#!/usr/bin/env bash
# Installs the `rtdenoise` command for this machine, as a NativeAOT single binary (no .NET runtime needed to run it,
# instant start), with the shipped models beside it and the LADSPA plugin.
# Usage: scripts/install.sh [PREFIX]      (default: ~/.local)
#   PREFIX/bin/rtdenoise                   → symlink to PREFIX/lib/rtdenoise/rtdenoise
#   PREFIX/lib/rtdenoise/rtdenoise         the binary (linux-x64 or linux-arm64, this machine's CPU features)
#   PREFIX/lib/rtdenoise/models/*.rtm      the shipped models (the default model is found beside the binary)
#   PREFIX/lib/rtdenoise/lib*.so           SkiaSharp's native libraries (the PNG plots of `train` and `quant-report`)
#   PREFIX/lib/ladspa/rtdenoise_ladspa.so  the LADSPA plugin (label "rtdenoise", model embedded)
# Needs the .NET 10 SDK, clang and zlib1g-dev (apt-get install clang zlib1g-dev), as scripts/build-ladspa.sh does.
# RTDENOISE_ISA=x86-64-v3 (or another IlcInstructionSet value) builds for other machines than this one; the
# default, "native", uses every instruction set this CPU has (the kernels the JIT would pick here).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-$HOME/.local}
isa=${RTDENOISE_ISA:-native}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

die() { echo "error: $*" >&2; exit 2; }
case "$(uname -m)" in
  x86_64 | amd64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) die "unsupported architecture $(uname -m) (linux x86_64 and aarch64 are)" ;;
esac
command -v dotnet >/dev/null || die "dotnet not found (the .NET 10 SDK builds the binary)"
command -v clang >/dev/null || die "clang not found (apt-get install clang zlib1g-dev: NativeAOT links with them)"
[[ -e /usr/include/zlib.h ]] || die "zlib.h not found (apt-get install zlib1g-dev: NativeAOT links with it)"
mkdir -p "$prefix" || die "cannot create $prefix"
prefix=$(cd "$prefix" && pwd)

out=artifacts/install/$rid
echo "publishing rtdenoise for $rid (NativeAOT, instruction set $isa): compiling the whole program to native code takes 1-2 minutes on 2 cores (log: $out.log) ..."
rm -rf "$out"
mkdir -p "$(dirname "$out")"
if ! dotnet publish src/HostApp/HostApp.csproj -c Release -r "$rid" -p:PublishAot=true -p:StripSymbols=true \
  -p:IlcInstructionSet="$isa" -o "$out" -nologo -v quiet >"$out.log" 2>&1; then
  grep -E 'error|warning' "$out.log" | sort -u | head -20 >&2
  die "dotnet publish failed (full log: $out.log)"
fi
[[ -x "$out/rtdenoise" ]] || die "$out/rtdenoise was not produced (log: $out.log)"

echo "building the LADSPA plugin (NativeAOT again, about a minute; log: $out.ladspa.log) ..."
if ! scripts/build-ladspa.sh "$rid" >"$out.ladspa.log" 2>&1; then
  tail -20 "$out.ladspa.log" >&2
  die "scripts/build-ladspa.sh failed (log: $out.ladspa.log)"
fi

lib=$prefix/lib/rtdenoise
rm -rf "$lib"
mkdir -p "$lib/models" "$prefix/bin" "$prefix/lib/ladspa"
install -m 755 "$out/rtdenoise" "$lib/rtdenoise"
install -m 644 "$out"/models/*.rtm "$lib/models/"
for so in "$out"/*.so; do
  [[ -e "$so" ]] && install -m 755 "$so" "$lib/"
done
ln -sfn "$lib/rtdenoise" "$prefix/bin/rtdenoise"
install -m 755 artifacts/ladspa/rtdenoise_ladspa.so "$prefix/lib/ladspa/rtdenoise_ladspa.so"

"$prefix/bin/rtdenoise" --version >/dev/null || die "the installed $prefix/bin/rtdenoise does not run"
echo "installed:"
echo "  $prefix/bin/rtdenoise ($(du -h "$lib/rtdenoise" | cut -f1), $("$prefix/bin/rtdenoise" --version))"
echo "  $lib/models/ ($(ls "$lib/models" | tr '\n' ' '))"
echo "  $prefix/lib/ladspa/rtdenoise_ladspa.so"
case ":$PATH:" in
  *":$prefix/bin:"*) echo "$prefix/bin is on your PATH: try  rtdenoise denoise samples/noisy_speech.wav out.wav" ;;
  *)
    echo "add $prefix/bin to your PATH (e.g. in ~/.bashrc):"
    echo "  export PATH=\"$prefix/bin:\$PATH\""
    ;;
esac
case ":${LADSPA_PATH:-}:" in
  *":$prefix/lib/ladspa:"*) ;;
  *) echo "rtdenoise finds its plugin there by itself; other LADSPA hosts (sox, applyplugin) with:  export LADSPA_PATH=\"$prefix/lib/ladspa:/usr/lib/ladspa\"" ;;
esac
