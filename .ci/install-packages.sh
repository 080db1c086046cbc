#!/usr/bin/env bash
# Debian packages the test phases need. Every line says which phase needs it.
set -euo pipefail
packages=(
  sox                      # generated test signals
  qemu-user-static         # 20-arm64-qemu: runs the ARM64 Kernels tests (NEON paths)
  libc6:arm64 libstdc++6:arm64 libssl3:arm64   # 20-arm64-qemu: the ARM64 test binary's native libraries
)
dpkg --add-architecture arm64   # 20-arm64-qemu: lets apt install the :arm64 libraries (the update below sees it)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
