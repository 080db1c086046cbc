#!/usr/bin/env python3
"""Rebuilds the bundled sample from ../shared/data (standard library only). Run from the repository root."""
import math
import struct
import wave

DATA = "../shared/data"


def read(path):
    w = wave.open(path)
    n = w.getnframes()
    d = w.readframes(n)
    w.close()
    return list(struct.unpack("<%dh" % n, d))


speech = read(f"{DATA}/speech/vctk/p225_003.wav")
noise = read(f"{DATA}/noise/speech_commands_bg/doing_the_dishes.wav")[16000 * 10:16000 * 10 + len(speech)]
ps = sum(x * x for x in speech) / len(speech)
pn = sum(x * x for x in noise) / len(noise)
gain = math.sqrt(ps / (pn * 10 ** (5.0 / 10)))  # 5 dB SNR
mix = [a + gain * b for a, b in zip(speech, noise)]
scale = min(1.0, 0.5 * 32767 / max(abs(x) for x in mix))  # mix peak at -6 dBFS


def write(path, x):
    w = wave.open(path, "wb")
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(16000)
    w.writeframes(struct.pack("<%dh" % len(x), *[max(-32768, min(32767, int(round(v * scale)))) for v in x]))
    w.close()


write("samples/noisy_speech.wav", mix)
write("samples/clean_speech.wav", speech)


# samples/corpus: a plain corpus (speech/SPEAKER/*.wav, noise/CATEGORY/*.wav, no manifest) for
# `rtdenoise make-devset --data samples/corpus`, so the validation-set and eval examples run on a clone.
import os


def write_plain(path, x):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    w = wave.open(path, "wb")
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(16000)
    w.writeframes(struct.pack("<%dh" % len(x), *x))
    w.close()


write_plain("samples/corpus/speech/p225/p225_008.wav", read(f"{DATA}/speech/vctk/p225_008.wav"))
write_plain("samples/corpus/speech/p226/p226_008.wav", read(f"{DATA}/speech/vctk/p226_008.wav"))
write_plain("samples/corpus/noise/household/doing_the_dishes_30-38s.wav",
            read(f"{DATA}/noise/speech_commands_bg/doing_the_dishes.wav")[16000 * 30:16000 * 38])
write_plain("samples/corpus/noise/machine/exercise_bike_0-8s.wav",
            read(f"{DATA}/noise/speech_commands_bg/exercise_bike.wav")[0:16000 * 8])
