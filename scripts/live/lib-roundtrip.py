#!/usr/bin/env python3
"""Round trip and dropouts of one probe recording (standard library only).

Usage: lib-roundtrip.py PROBE.raw [WINDOW_SECONDS]
  PROBE.raw is stereo float32le at 48 kHz: left = what went into the route, right = what came out of it, recorded
  side by side from one null sink's monitor, so their lag is the route's whole round trip.
Without WINDOW_SECONDS, prints one line for the whole recording: "median_ms min_ms max_ms chunks dropouts seconds".
With it (the soak, scripts/live/soak.sh), one line per window: "start_s median_ms min_ms max_ms chunks dropouts".
  round trip  per loud 0.2 s chunk, the lag (0..250 ms) that best aligns right with left: a coarse search on an
              8 kHz decimation (every 4th lag, every 2nd sample), refined at 48 kHz; median/min/max over ≤ 60 chunks
              (per window: ≤ 20)
  dropouts    runs of ≥ 10 ms of digital silence (|x| < 1e-7) in the output while the input, aligned by the median
              lag, is not silent: what an under-run inserts (a denoiser never outputs exact zeros over speech+noise)
"""
import array
import statistics
import sys

RATE, DEC = 48000, 6
CHUNK, MAXLAG = 1600, 2000  # 0.2 s and 250 ms at 8 kHz


def decimate(x):
    return [sum(x[i:i + DEC]) / DEC for i in range(0, len(x) - DEC, DEC)]


def lag_of(left, right, l8, r8, s):
    """Lag (48 kHz samples) of the 8 kHz chunk starting at s."""
    a = l8[s:s + CHUNK]

    def score(lag, step):
        b = r8[s + lag:s + lag + CHUNK]
        return sum(a[i] * b[i] for i in range(0, min(CHUNK, len(b)), step))

    coarse = max(range(0, MAXLAG, 4), key=lambda lag: score(lag, 2))
    fine8 = max(range(max(0, coarse - 4), min(MAXLAG, coarse + 5)), key=lambda lag: score(lag, 1))
    # 48 kHz refinement around the 8 kHz peak (±DEC samples), on the first 0.1 s of the chunk
    s48, c48 = s * DEC, 4800
    a48 = left[s48:s48 + c48]

    def score48(lag):
        b = right[s48 + lag:s48 + lag + c48]
        return sum(x * y for x, y in zip(a48, b))

    return max(range(max(0, fine8 * DEC - DEC), fine8 * DEC + DEC + 1), key=score48)


def chosen_chunks(l8, r8, lo, hi, most):
    """Loud input chunks in [lo, hi) (8 kHz) whose output is not silent (an under-run's silence has no lag)."""
    starts = list(range(max(lo, 8000), min(hi, len(l8) - CHUNK - MAXLAG), CHUNK))
    if not starts:
        return []
    energy = {s: sum(v * v for v in l8[s:s + CHUNK]) for s in starts}
    loud = max(energy.values())
    out_energy = {s: sum(v * v for v in r8[s:s + CHUNK + MAXLAG]) * CHUNK / (CHUNK + MAXLAG) for s in starts}
    chosen = [s for s in starts if energy[s] > 0.05 * loud and out_energy[s] > 0.01 * energy[s]]
    return chosen[:: max(1, len(chosen) // most)]


def dropouts(left, right, lag, lo, hi):
    """Runs of ≥ 10 ms digital silence in right[lo:hi) where the input, lag earlier, is not silent."""
    n = len(left)
    first = next((i for i in range(lo, hi) if abs(right[i]) > 1e-7), hi)
    drops, run, run_in = 0, 0, 0.0
    for i in range(first, hi):
        if abs(right[i]) < 1e-7:
            run += 1
            j = i - lag
            run_in = max(run_in, abs(left[j]) if 0 <= j < n else 0.0)
        else:
            if run >= RATE // 100 and run_in > 1e-4:
                drops += 1
            run, run_in = 0, 0.0
    return drops


def ms(samples):
    return samples * 1000 / RATE


def main():
    data = open(sys.argv[1], "rb").read()
    raw = array.array("f")
    raw.frombytes(data[: len(data) // 8 * 8])
    left, right = raw[0::2], raw[1::2]
    n = len(left)
    l8, r8 = decimate(left), decimate(right)
    if len(sys.argv) < 3:
        lags = [lag_of(left, right, l8, r8, s) for s in chosen_chunks(l8, r8, 0, len(l8), 60)]
        if not lags:
            sys.exit("recording too short")
        med = statistics.median(lags)
        drops = dropouts(left, right, int(med), 0, n)
        print(f"{ms(med):.1f} {ms(min(lags)):.1f} {ms(max(lags)):.1f} {len(lags)} {drops} {n / RATE:.1f}")
        return
    window = int(float(sys.argv[2]) * RATE)
    for lo in range(0, n - window // 2, window):
        hi = min(n, lo + window)
        lags = [lag_of(left, right, l8, r8, s) for s in chosen_chunks(l8, r8, lo // DEC, hi // DEC, 20)]
        if not lags:
            print(f"{lo / RATE:.0f} - - - 0 -")
            continue
        med = statistics.median(lags)
        print(f"{lo / RATE:.0f} {ms(med):.1f} {ms(min(lags)):.1f} {ms(max(lags)):.1f} {len(lags)} {dropouts(left, right, int(med), lo, hi)}")


if __name__ == "__main__":
    main()
