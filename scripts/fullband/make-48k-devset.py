#!/usr/bin/env python3
"""Make two 48 kHz evaluation sets from a 16 kHz dev set (issue 16, full band), with sox and the standard library.

  up/        clean and noisy resampled to 48 kHz (sox rate -v): nothing above 8 kHz in either.
  fullband/  the same plus a synthetic band above 8 kHz the 16 kHz corpus lacks:
               clean += "air": 9-19 kHz noise shaped by the speech's 5 ms envelope (0.25 x envelope x band noise);
               noisy += the same air + 8-20 kHz noise continuing the file's noise PSD at 6-7.3 kHz (a flat
                        extension of the noise, as white/hiss-like noise would have above 8 kHz).
Usage: make-48k-devset.py SRC_DIR (with clean/ noisy/) OUT_DIR [COUNT]
Deterministic: sox -R and fixed seeds.
"""
import array
import math
import os
import subprocess
import sys

RATE = 48000


def sox(*args):
    subprocess.run(["sox", "-R", *args], check=True, stderr=subprocess.DEVNULL)


def read_f32(path, rate=RATE, effects=()):
    raw = subprocess.run(["sox", "-R", path, "-r", str(rate), "-c", "1", "-e", "floating-point", "-b", "32",
                          "-t", "raw", "-", *effects], check=True, capture_output=True).stdout
    a = array.array("f")
    a.frombytes(raw)
    return a


def write_wav(path, samples):
    raw = path + ".raw"
    with open(raw, "wb") as f:
        array.array("f", samples).tofile(f)
    sox("-r", str(RATE), "-c", "1", "-e", "floating-point", "-b", "32", "-t", "raw", raw, "-e", "floating-point", path)
    os.remove(raw)


def band_noise(n, lo, hi, seed, tmp):
    # sox's synth noise is repeatable with -R; a seed-dependent start offset makes files differ.
    skip = seed * 997
    sox("-n", "-r", str(RATE), "-c", "1", "-e", "floating-point", "-b", "32", tmp, "synth",
        "%ds" % (n + skip), "whitenoise", "sinc", "%d-%d" % (lo, hi), "trim", "%ds" % skip)
    x = read_f32(tmp)
    return x[:n]


def rms(x):
    return math.sqrt(sum(v * v for v in x) / max(1, len(x)))


def main():
    if len(sys.argv) not in (3, 4) or not os.path.isdir(os.path.join(sys.argv[1], "clean")):
        print("usage: make-48k-devset.py SRC_DIR (with clean/ and noisy/) OUT_DIR [COUNT]", file=sys.stderr)
        sys.exit(2)
    src, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    names = sorted(os.listdir(os.path.join(src, "clean")))[:count]
    for sub in ("up/clean", "up/noisy", "fullband/clean", "fullband/noisy"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    tmp = os.path.join(out, "_tmp.wav")
    for k, name in enumerate(names):
        c16, n16 = os.path.join(src, "clean", name), os.path.join(src, "noisy", name)
        clean = read_f32(c16, effects=("rate", "-v", str(RATE)))
        noisy = read_f32(n16, effects=("rate", "-v", str(RATE)))
        n = min(len(clean), len(noisy))
        clean, noisy = clean[:n], noisy[:n]
        write_wav(os.path.join(out, "up/clean", name), clean)
        write_wav(os.path.join(out, "up/noisy", name), noisy)

        # The noise's level at 6-7.3 kHz (at 16 kHz, noisy - clean) sets the flat extension above 8 kHz.
        sox("-m", "-v", "1", n16, "-v", "-1", c16, "-e", "floating-point", tmp)
        hi_noise_part = read_f32(tmp, rate=16000, effects=("sinc", "6000-7300"))
        psd = rms(hi_noise_part) ** 2 / 1300.0
        hf = band_noise(n, 8000, 20000, 2 * k + 1, tmp)
        g_hf = math.sqrt(psd * 12000.0) / max(rms(hf), 1e-12)

        air = band_noise(n, 9000, 19000, 2 * k + 2, tmp)
        a = math.exp(-1.0 / (0.005 * RATE))
        env = 0.0
        fc, fn = array.array("f", clean), array.array("f", noisy)
        for i in range(n):
            env = a * env + (1 - a) * abs(clean[i])
            s = 0.25 * env * air[i]
            fc[i] += s
            fn[i] += s + g_hf * hf[i]
        write_wav(os.path.join(out, "fullband/clean", name), fc)
        write_wav(os.path.join(out, "fullband/noisy", name), fn)
    os.remove(tmp)


if __name__ == "__main__":
    main()
