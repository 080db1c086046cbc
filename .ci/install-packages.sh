#!/usr/bin/env bash
# Debian packages the test phases need. Every line says which phase needs it.
set -euo pipefail
packages=(
  sox                      # generated test signals; 40-ladspa: `sox ... ladspa` as an independent LADSPA host
  libspeexdsp1             # engine tests + `--processor speex` / chain `speex` (libspeexdsp.so.1)
  swh-plugins              # engine tests: LADSPA host against real plugins (lowpass_iir, amp)
  ladspa-sdk               # 40-ladspa: applyplugin / analyseplugin as independent LADSPA hosts
  clang                    # 40-ladspa: NativeAOT link of rtdenoise_ladspa.so
  zlib1g-dev               # 40-ladspa: NativeAOT link of rtdenoise_ladspa.so
  pulseaudio               # 40-ladspa: private daemon running module-ladspa-sink with our plugin
  pulseaudio-utils         # 40-ladspa: pactl / paplay / parecord
)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
