#!/usr/bin/env bash
# Debian packages the test phases need. Every line says which phase needs it.
set -euo pipefail
packages=(
  sox                      # generated test signals
)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
