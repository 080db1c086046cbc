#!/usr/bin/env bash
# Debian packages the test phases need, installed per phase so that one group failing (a mirror without arm64,
# say) does not take the others down; a phase whose packages are missing reports itself as skipped.
set -uo pipefail

base=(
  sox                      # generated test signals; 40-ladspa: `sox ... ladspa` as an independent LADSPA host
  python3                  # 30-live-audio / 40-ladspa helper scripts (cross-correlation)
  libspeexdsp1             # engine tests + `--processor speex` / chain `speex` (libspeexdsp.so.1)
  swh-plugins              # engine tests: LADSPA host against real plugins (lowpass_iir, amp)
)
live=(
  libportaudio2            # live phase (30-live-audio.sh): PortAudio for rtdenoise live / virtual-mic
  libasound2-plugins       # live phase: ALSA pulse plugin (PortAudio reaches PulseAudio through it)
  pulseaudio               # live phase: the private sound server with null sinks; 40-ladspa: module-ladspa-sink
  pulseaudio-utils         # live phase: pactl, paplay, parecord; 40-ladspa: the same
)
ladspa=(
  ladspa-sdk               # 40-ladspa: applyplugin / analyseplugin as independent LADSPA hosts
  clang                    # 40-ladspa: NativeAOT link of rtdenoise_ladspa.so
  zlib1g-dev               # 40-ladspa: NativeAOT link of rtdenoise_ladspa.so
)
pipewire=(
  pipewire                 # 70-pipewire: headless PipeWire daemon (scripts/live/private-pipewire.sh)
  pipewire-pulse           # 70-pipewire: its PulseAudio server (pactl load-module module-ladspa-sink → filter-chain)
  wireplumber              # 70-pipewire: the session manager that links streams to the null sinks
  dbus                     # 70-pipewire: dbus-daemon for the private session bus PipeWire needs
)
fuzz=(
  afl++                    # 60-fuzz: afl-fuzz runs the SharpFuzz harness tests/Fuzz (scripts/fuzz.sh; NuGet brings SharpFuzz)
)
arm64=(
  qemu-user-static         # 20-arm64-qemu: runs the ARM64 Kernels tests (NEON paths)
  libc6:arm64 libstdc++6:arm64 libssl3:arm64   # 20-arm64-qemu: the ARM64 test binary's native libraries
)

dpkg --add-architecture arm64   # 20-arm64-qemu: lets apt install the :arm64 libraries (the update below sees it)
apt-get update -qq || echo "warning: apt-get update failed"
status=0
for group in base live ladspa pipewire fuzz arm64; do
  declare -n list=$group
  if ! apt-get install -y -qq --no-install-recommends "${list[@]}"; then
    echo "warning: could not install the '$group' packages: ${list[*]}"
    status=1
  fi
done
exit $status
