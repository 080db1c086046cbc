#!/usr/bin/env python3
"""Best-lag normalised correlation of a recording against a reference (standard library only).

Usage: lib-correlate.py RECORDING.wav REFERENCE.wav MAX_LAG   (lags from -MAX_LAG to MAX_LAG samples)
Prints "<best correlation> <lag>" where recording[lag + i] ≈ reference[i]. Used by 40-ladspa.sh to check that audio
played through PulseAudio's module-ladspa-sink came out denoised (PulseAudio's timing is not sample-exact).
Reads PCM16 and IEEE-float32 mono WAV (any header extension).
"""
import array
import math
import statistics
import struct
import sys


def read_wav(path):
    with open(path, "rb") as f:
        data = f.read()
    pos, fmt, bits, samples = 12, None, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt, _, _, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if fmt == 0xFFFE:
                fmt = struct.unpack("<H", body[24:26])[0]
        elif cid == b"data":
            if size in (0, 0xFFFFFFFF) or pos + 8 + size > len(data):
                body = data[pos + 8:]  # a recorder killed mid-stream leaves the size unset
            body = body[: len(body) - len(body) % (bits // 8)]
            samples = array.array("f" if fmt == 3 else "h", body)
            if fmt != 3:
                samples = array.array("f", (s / 32768.0 for s in samples))
            break
        pos += 8 + size + (size & 1)
    if samples is None:
        sys.exit(f"{path}: no data chunk")
    return samples


def main():
    rec, ref, max_lag = read_wav(sys.argv[1]), read_wav(sys.argv[2]), int(sys.argv[3])
    win = 160

    # 1. Coarse: cross-correlate 160-sample RMS envelopes (cheap in pure Python).
    def envelope(x):
        return [math.sqrt(sum(v * v for v in x[i:i + win]) / win) for i in range(0, len(x) - win, win)]

    er, ef = envelope(rec), envelope(ref)

    def ecorr(k):  # k < 0: the recorder started after the player (the head of the reference is missing)
        a, b = (ef, er[k:]) if k >= 0 else (ef[-k:], er)
        n = min(len(a), len(b))
        if n < 10:
            return -1.0
        a, b = a[:n], b[:n]
        ma, mb = sum(a) / n, sum(b) / n
        sab = sum((x - ma) * (y - mb) for x, y in zip(a, b))
        saa = sum((x - ma) ** 2 for x in a)
        sbb = sum((y - mb) ** 2 for y in b)
        return sab / math.sqrt(saa * sbb + 1e-30)

    coarse = max(range(-(max_lag // win), max_lag // win + 1), key=ecorr) * win

    # 2. Per segment: best lag within ±50 ms of the coarse one (decimated search, then sample-exact refinement).
    def corr(seg, lag, step=1):
        a, b = seg
        if lag + a < 0 or lag + b > len(rec):
            return -1.0
        sxy = sxx = syy = 0.0
        for i in range(a, b, step):
            x, y = ref[i], rec[lag + i]
            sxy += x * y
            sxx += x * x
            syy += y * y
        return sxy / math.sqrt(sxx * syy + 1e-30)

    seg_len, reach = 8000, 800
    scores, lags = [], []
    for a in range(0, len(ref) - seg_len + 1, seg_len):
        seg = (a, a + seg_len)
        if math.sqrt(sum(v * v for v in ref[a:a + seg_len]) / seg_len) < 1e-3:
            continue  # silence says nothing about alignment
        lag = max(range(coarse - reach, coarse + reach + 1, 8), key=lambda l: corr(seg, l, 4))
        lag = max(range(lag - 8, lag + 9), key=lambda l: corr(seg, l))
        scores.append(corr(seg, lag))
        lags.append(lag)
    if not scores:
        sys.exit("no non-silent segment in the reference")
    print(f"{statistics.median(scores):.5f} {int(statistics.median(lags))}")


if __name__ == "__main__":
    main()
