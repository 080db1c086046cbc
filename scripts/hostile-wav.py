#!/usr/bin/env python3
"""Writes one crafted WAV file to stdout for scripts/hostile-repros.sh:
  rf64-ds64 SIZE              RF64 whose ds64 chunk declares SIZE data bytes (hex or decimal, may be negative)
  two-data                    RIFF with two data chunks (100 then 200 samples)
  extensible-valid-bits N     WAVE_FORMAT_EXTENSIBLE 16-bit PCM declaring N valid bits
  block-align-0               PCM with a block align of 0
  float64-beyond              64-bit float samples far beyond the float32 range
  rate R                      16-bit PCM mono at R Hz
Each holds 0.5 s of a 440 Hz tone unless the case says otherwise."""
import math
import struct
import sys


def tone(n, rate=16000):
    return [0.3 * math.sin(2 * math.pi * 440 * i / rate) for i in range(n)]


def pcm16(samples):
    return b"".join(struct.pack("<h", int(s * 32767)) for s in samples)


def fmt_pcm(channels=1, rate=16000, bits=16, align=None):
    align = channels * bits // 8 if align is None else align
    return struct.pack("<HHIIHH", 1, channels, rate, rate * max(align, 1), align, bits)


def chunk(cid, body):
    pad = b"\0" if len(body) % 2 else b""
    return cid + struct.pack("<I", len(body)) + body + pad


def riff(*chunks):
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def main(args):
    kind = args[0]
    data = pcm16(tone(8000))
    if kind == "rf64-ds64":
        size = int(args[1], 0)
        ds64 = struct.pack("<qqqI", 0, size, 0, 0)
        body = b"WAVE" + chunk(b"ds64", ds64) + chunk(b"fmt ", fmt_pcm()) + b"data" + struct.pack("<I", 0xFFFFFFFF) + data
        out = b"RF64" + struct.pack("<I", 0xFFFFFFFF) + body
    elif kind == "two-data":
        out = riff(chunk(b"fmt ", fmt_pcm()), chunk(b"data", pcm16(tone(100))), chunk(b"data", pcm16(tone(200))))
    elif kind == "extensible-valid-bits":
        valid = int(args[1])
        guid = bytes.fromhex("0100000000001000800000aa00389b71")
        ext = struct.pack("<HHIIHHHHI", 0xFFFE, 1, 16000, 32000, 2, 16, 22, valid, 4) + guid
        out = riff(chunk(b"fmt ", ext), chunk(b"data", data))
    elif kind == "block-align-0":
        out = riff(chunk(b"fmt ", fmt_pcm(align=0)), chunk(b"data", data))
    elif kind == "float64-beyond":
        samples = [1e300 if i % 100 == 0 else s for i, s in enumerate(tone(8000))]
        fmt = struct.pack("<HHIIHH", 3, 1, 16000, 16000 * 8, 8, 64)
        out = riff(chunk(b"fmt ", fmt), chunk(b"data", b"".join(struct.pack("<d", s) for s in samples)))
    elif kind == "rate":
        rate = int(args[1])
        out = riff(chunk(b"fmt ", fmt_pcm(rate=rate)), chunk(b"data", pcm16(tone(rate // 2 or 1, rate))))
    else:
        sys.exit(__doc__)
    sys.stdout.buffer.write(out)


if __name__ == "__main__":
    main(sys.argv[1:] or ["?"])
