#!/usr/bin/env python3
"""Round trip and dropouts of one probe recording (standard library only).

Usage: lib-roundtrip.py PROBE.raw   (stereo float32le at 48 kHz: left = what went into the route, right = what came
out of it, recorded side by side from one null sink's monitor, so their lag is the route's whole round trip).
Prints one line: "median_ms min_ms max_ms chunks dropouts seconds":
  round trip  per loud 0.2 s chunk, the lag (0..250 ms) that best aligns right with left: a coarse search on an
              8 kHz decimation (every 4th lag, every 2nd sample), refined at 48 kHz; median/min/max over ≤ 60 chunks
  dropouts    runs of ≥ 10 ms of digital silence (|x| < 1e-7) in the output while the input, aligned by the median
              lag, is not silent: what an under-run inserts (a denoiser never outputs exact zeros over speech+noise)
"""
import array
import statistics
import sys

RATE, DEC = 48000, 6


def main():
    data = open(sys.argv[1], "rb").read()
    raw = array.array("f")
    raw.frombytes(data[: len(data) // 8 * 8])
    left, right = raw[0::2], raw[1::2]
    n = len(left)

    def dec(x):
        return [sum(x[i:i + DEC]) / DEC for i in range(0, len(x) - DEC, DEC)]

    l8, r8 = dec(left), dec(right)
    chunk, maxlag = 1600, 2000  # 0.2 s and 250 ms at 8 kHz
    starts = list(range(8000, len(l8) - chunk - maxlag, chunk))
    if not starts:
        sys.exit("recording too short")
    energy = {s: sum(v * v for v in l8[s:s + chunk]) for s in starts}
    loud = max(energy.values())
    out_energy = {s: sum(v * v for v in r8[s:s + chunk + maxlag]) * chunk / (chunk + maxlag) for s in starts}
    # loud input, and an output that is not silent there (an under-run's silence has no lag to find)
    chosen = [s for s in starts if energy[s] > 0.05 * loud and out_energy[s] > 0.01 * energy[s]]
    chosen = chosen[:: max(1, len(chosen) // 60)]
    lags = []
    for s in chosen:
        a = l8[s:s + chunk]

        def score(lag, step):
            b = r8[s + lag:s + lag + chunk]
            return sum(a[i] * b[i] for i in range(0, chunk, step))

        coarse = max(range(0, maxlag, 4), key=lambda lag: score(lag, 2))
        fine8 = max(range(max(0, coarse - 4), min(maxlag, coarse + 5)), key=lambda lag: score(lag, 1))
        # 48 kHz refinement around the 8 kHz peak (±DEC samples), on the first 0.1 s of the chunk
        s48, c48 = s * DEC, 4800
        a48 = left[s48:s48 + c48]

        def score48(lag):
            b = right[s48 + lag:s48 + lag + c48]
            return sum(x * y for x, y in zip(a48, b))

        lags.append(max(range(max(0, fine8 * DEC - DEC), fine8 * DEC + DEC + 1), key=score48))
    med = statistics.median(lags)

    # dropouts: ≥ 10 ms digital silence in the output where the aligned input is not silent
    lag = int(med)
    first = next((i for i, v in enumerate(right) if abs(v) > 1e-7), n)
    drops, run, run_in = 0, 0, 0.0
    for i in range(first, n):
        if abs(right[i]) < 1e-7:
            run += 1
            j = i - lag
            run_in = max(run_in, abs(left[j]) if 0 <= j < n else 0.0)
        else:
            if run >= RATE // 100 and run_in > 1e-4:
                drops += 1
            run, run_in = 0, 0.0
    print(f"{med * 1000 / RATE:.1f} {min(lags) * 1000 / RATE:.1f} {max(lags) * 1000 / RATE:.1f} {len(lags)} {drops} {n / RATE:.1f}")


if __name__ == "__main__":
    main()
