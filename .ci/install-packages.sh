#!/usr/bin/env bash
# Debian packages the test phases need. Every line says which phase needs it.
set -euo pipefail
packages=(
  sox                      # generated test signals
  libportaudio2            # live phase (30-live-audio.sh): PortAudio for rtdenoise live / virtual-mic
  libasound2-plugins       # live phase: ALSA pulse plugin (PortAudio reaches PulseAudio through it)
  pulseaudio               # live phase: the private sound server with null sinks
  pulseaudio-utils         # live phase: pactl, paplay, parecord
)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
