#!/usr/bin/env bash
# Debian packages the test phases need, installed per phase so that one group failing (a mirror without arm64,
# say) does not take the others down; a phase whose packages are missing reports itself as skipped.
set -uo pipefail

base=(
  sox                      # generated test signals
)
live=(
  libportaudio2            # live phase (30-live-audio.sh): PortAudio for rtdenoise live / virtual-mic
  libasound2-plugins       # live phase: ALSA pulse plugin (PortAudio reaches PulseAudio through it)
  pulseaudio               # live phase: the private sound server with null sinks
  pulseaudio-utils         # live phase: pactl, paplay, parecord
)
arm64=(
  qemu-user-static         # 20-arm64-qemu: runs the ARM64 Kernels tests (NEON paths)
  libc6:arm64 libstdc++6:arm64 libssl3:arm64   # 20-arm64-qemu: the ARM64 test binary's native libraries
)

dpkg --add-architecture arm64   # 20-arm64-qemu: lets apt install the :arm64 libraries (the update below sees it)
apt-get update -qq || echo "warning: apt-get update failed"
status=0
for group in base live arm64; do
  declare -n list=$group
  if ! apt-get install -y -qq --no-install-recommends "${list[@]}"; then
    echo "warning: could not install the '$group' packages: ${list[*]}"
    status=1
  fi
done
exit $status
