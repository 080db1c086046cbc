#!/usr/bin/env bash
# Phase 20: the Kernels test suite as an ARM64 binary under qemu user-mode emulation, three ways:
#   default qemu CPU        → AdvSimd + Dp (sdot) available: expects the neon path with Dp
#   QEMU_CPU=cortex-a53     → ARMv8.0, no Dp: expects the neon path with the smull/sadalp fallback
#   DOTNET_EnableHWIntrinsic=0 → no SIMD at all: expects the scalar path
# Each run prints one PHASE-RESULT line (scripts/xunit-run.sh). RTDENOISE_EXPECT_PATH/_DP make
# DispatchTests assert that the configuration really produced that path. Child-process tests are skipped
# (no binfmt here, so an emulated process cannot exec another ARM64 binary).
# DOTNET_EnableWriteXorExecute=0: with W^X the JIT writes code through a second (RW) mapping of the
# executable pages, which qemu user mode does not notice, so it keeps running stale translations
# (seen here as "Illegal instruction" and NullReferenceException inside reflection invoke stubs).
# Needs (see .ci/install-packages.sh): qemu-user-static, libc6:arm64, libstdc++6:arm64, libssl3:arm64.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
labels=(kernels-arm64-dp kernels-arm64-nodp kernels-arm64-scalar)

skip_all() {
  for l in "${labels[@]}"; do echo "PHASE-RESULT passed=0 failed=0 skipped=1 label=$l ($1)"; done
  exit 0
}

command -v qemu-aarch64-static >/dev/null || skip_all "qemu-aarch64-static not installed"
[[ -e /lib/ld-linux-aarch64.so.1 || -e /usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 ]] || skip_all "arm64 libc (libc6:arm64) not installed"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
publish() {
  timeout 900 dotnet publish tests/Kernels.Tests -c Release -r linux-arm64 --self-contained \
    -p:PublishReadyToRun=true -o "$out" >"$out.publish.log" 2>&1
}
# One retry from a clean RID output: on a loaded machine crossgen once left one assembly out of obj/.../R2R
# (MSB3030 "Could not copy .../R2R/xunit.v3.core.dll") with no error of its own, and a second publish succeeded.
published=1
if ! publish; then
  published=0
  tail -5 "$out.publish.log"
  echo "arm64 publish failed once; retrying from a clean tests/Kernels.Tests/obj/Release/net10.0/linux-arm64"
  rm -rf tests/Kernels.Tests/obj/Release/net10.0/linux-arm64 "$out" && mkdir -p "$out"
  publish && published=1
fi
if [[ $published -eq 0 ]]; then
  tail -20 "$out.publish.log"
  for l in "${labels[@]}"; do echo "PHASE-RESULT passed=0 failed=1 skipped=0 label=$l (publish failed)"; done
  rm -f "$out.publish.log"
  exit 0
fi
rm -f "$out.publish.log"
echo "arm64 publish: $(( $(date +%s) - start )) s"

exe="$out/RtDenoise.Kernels.Tests"
run() { # label env...
  local label=$1; shift
  local t0; t0=$(date +%s)
  env RTDENOISE_NO_CHILD_PROCESS=1 DOTNET_EnableWriteXorExecute=0 "$@" timeout 3600 "$root/scripts/xunit-run.sh" "$label" qemu-aarch64-static "$exe" \
    | grep -E '^PHASE-RESULT|\[FAIL\]|Total:'
  echo "$label: $(( $(date +%s) - t0 )) s"
}

run kernels-arm64-dp RTDENOISE_EXPECT_PATH=neon RTDENOISE_EXPECT_DP=1
run kernels-arm64-nodp QEMU_CPU=cortex-a53 RTDENOISE_EXPECT_PATH=neon RTDENOISE_EXPECT_DP=0
run kernels-arm64-scalar DOTNET_EnableHWIntrinsic=0 RTDENOISE_EXPECT_PATH=scalar RTDENOISE_EXPECT_DP=0
