#!/usr/bin/env python3
"""Load time of a LADSPA plugin in a fresh process (standard library only).

Each run is a new interpreter that dlopen()s the library, calls ladspa_descriptor(0) (for rtdenoise_ladspa.so this
is the first call into the NativeAOT runtime, so it includes runtime start-up), instantiates at 48 kHz and activates.
Prints the median and min/max over N runs, in milliseconds, per step.

Usage: scripts/measure-ladspa-load.py LIB.so [N]
"""
import statistics
import subprocess
import sys

CHILD = r"""
import ctypes, sys, time
t0 = time.perf_counter()
lib = ctypes.CDLL(sys.argv[1])
t1 = time.perf_counter()
fn = lib.ladspa_descriptor
fn.restype = ctypes.c_void_p
fn.argtypes = [ctypes.c_ulong]
d = fn(0)
t2 = time.perf_counter()
# LADSPA_Descriptor (LP64): instantiate at offset 88, activate at 104 (see src/RealtimeEngine/Ladspa/LadspaAbi.cs)
ptrs = (ctypes.c_void_p * 19).from_address(d)
inst = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)(ptrs[11])
h = inst(d, 48000)
t3 = time.perf_counter()
if ptrs[13]:
    ctypes.CFUNCTYPE(None, ctypes.c_void_p)(ptrs[13])(h)
t4 = time.perf_counter()
print((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t4 - t3) * 1e3)
"""

def main() -> None:
    lib = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    rows = []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", CHILD, lib], check=True, capture_output=True, text=True).stdout
        rows.append([float(v) for v in out.split()])
    for i, name in enumerate(["dlopen", "ladspa_descriptor(0)", "instantiate(48000)", "activate"]):
        col = [r[i] for r in rows]
        print(f"{name:22s} median {statistics.median(col):8.3f} ms   min {min(col):8.3f}   max {max(col):8.3f}")
    total = [sum(r) for r in rows]
    print(f"{'total':22s} median {statistics.median(total):8.3f} ms   min {min(total):8.3f}   max {max(total):8.3f}   ({n} fresh processes)")

if __name__ == "__main__":
    main()
