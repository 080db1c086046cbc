#!/usr/bin/env bash
# Debian packages the test phases need. Every line says which phase needs it.
set -euo pipefail
packages=(
  sox                      # generated test signals; 40-ladspa: `sox ... ladspa` as an independent LADSPA host
  libportaudio2            # live phase (30-live-audio.sh): PortAudio for rtdenoise live / virtual-mic
  libasound2-plugins       # live phase: ALSA pulse plugin (PortAudio reaches PulseAudio through it)
  pulseaudio               # live phase: the private sound server with null sinks; 40-ladspa: module-ladspa-sink
  pulseaudio-utils         # live phase: pactl, paplay, parecord; 40-ladspa: the same
  libspeexdsp1             # engine tests + `--processor speex` / chain `speex` (libspeexdsp.so.1)
  swh-plugins              # engine tests: LADSPA host against real plugins (lowpass_iir, amp)
  ladspa-sdk               # 40-ladspa: applyplugin / analyseplugin as independent LADSPA hosts
  clang                    # 40-ladspa: NativeAOT link of rtdenoise_ladspa.so
  zlib1g-dev               # 40-ladspa: NativeAOT link of rtdenoise_ladspa.so
)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
