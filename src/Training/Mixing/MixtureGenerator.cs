using RtDenoise.Training.Data;

namespace RtDenoise.Training.Mixing;

/// <summary>
/// On-the-fly mixing of one <see cref="CorpusPart"/>: speaker-weighted speech with random offsets, speed/EQ/
/// band-limit perturbation, an optional room (measured, weighted by room, or synthetic with RT60 0.2–1.0 s),
/// recorded or generated noise through its own room response, SNR and level drawn uniformly.
/// </summary>
/// <remarks>
/// Target = the reverberant speech (full response), not direct path + early reflections: the product removes
/// noise, not the room; the validation reference and real recordings are reverberant speech, so a
/// dereverberating target would teach the mask to cut late speech energy, which costs STOI against such a
/// reference, and a 16 ms causal mask has too little context to dereverberate without artefacts.
/// Deterministic: everything random comes from the <see cref="Random"/> passed in.
/// </remarks>
public sealed class MixtureGenerator
{
    private const int Fs = Corpus.SampleRate;
    private readonly CorpusPart _part;
    private readonly MixingOptions _opt;
    private readonly double[] _speakerCdf;
    private readonly string[] _noiseCategories;
    private readonly string[] _rooms;

    public MixtureGenerator(CorpusPart part, MixingOptions options)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(options);
        if (part.Speakers.Count == 0 || part.Noise.Count == 0)
        {
            throw new ArgumentException("corpus part needs speech and noise.");
        }

        _part = part;
        _opt = options;
        _speakerCdf = new double[part.Speakers.Count];
        double acc = 0;
        for (int i = 0; i < _speakerCdf.Length; i++)
        {
            acc += part.Speakers[i].Weight;
            _speakerCdf[i] = acc;
        }

        _noiseCategories = part.Noise.Select(n => n.Category).Distinct().Order(StringComparer.Ordinal).ToArray();
        _rooms = part.Rirs.Select(r => r.Room).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Generates a mixture of <paramref name="length"/> samples; <paramref name="reverberant"/> forces the
    /// room choice (null: random with <see cref="MixingOptions.ReverbProbability"/>).</summary>
    public Mixture Generate(Random rng, int length, bool? reverberant = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        SpeakerClips speaker = PickSpeaker(rng);
        bool speed = rng.NextDouble() < _opt.SpeedProbability;
        double factor = speed ? Dsp.Uniform(rng, 0.9, 1.1) : 1.0;
        float[] speech = BuildSpeech(rng, speaker, (int)Math.Ceiling(length * factor) + 2);
        if (speed)
        {
            speech = Dsp.Speed(speech, factor);
        }

        speech = speech.Length > length ? speech[..length] : speech;
        ApplyChannel(rng, speech);

        bool reverb = reverberant ?? (rng.NextDouble() < _opt.ReverbProbability);
        string room = "dry";
        double rt60 = 0;
        float[]? noiseRir = null;
        if (reverb)
        {
            float[] rir;
            if (_rooms.Length > 0 && rng.NextDouble() < _opt.MeasuredRirShare)
            {
                string r = _rooms[rng.Next(_rooms.Length)];
                var inRoom = _part.Rirs.Where(x => x.Room == r).ToList();
                MeasuredRir m = inRoom[rng.Next(inRoom.Count)];
                rir = m.Samples;
                noiseRir = inRoom[rng.Next(inRoom.Count)].Samples;
                room = m.File;
                rt60 = m.Rt60;
            }
            else
            {
                rt60 = Dsp.Uniform(rng, _opt.Rt60Min, _opt.Rt60Max);
                rir = SyntheticRoom.Generate(rng, rt60, Dsp.Uniform(rng, -6, 12), Fs);
                noiseRir = SyntheticRoom.Generate(rng, rt60, Dsp.Uniform(rng, -10, 3), Fs);
                room = "synthetic";
            }

            speech = Dsp.Convolve(speech, rir);
        }

        var (noise, noiseName) = BuildNoise(rng, length);
        if (rng.NextDouble() < _opt.RumbleProbability)
        {
            AddRumble(rng, noise);
            noiseName += "+rumble";
        }

        if (noiseRir != null && rng.NextDouble() < 0.7)
        {
            noise = Dsp.Convolve(noise, noiseRir);
        }

        double snr = Dsp.Uniform(rng, _opt.SnrMinDb, _opt.SnrMaxDb);
        double ps = Dsp.ActivePower(speech), pn = Dsp.MeanPower(noise);
        double gn = pn > 0 && ps > 0 ? Math.Sqrt(ps / pn * Math.Pow(10, -snr / 10)) : 0;
        var noisy = new float[length];
        for (int i = 0; i < length; i++)
        {
            noisy[i] = speech[i] + (float)(gn * noise[i]);
        }

        double level = Dsp.Uniform(rng, _opt.LevelMinDbfs, _opt.LevelMaxDbfs);
        double rms = Math.Sqrt(Dsp.MeanPower(noisy));
        double g = rms > 0 ? Math.Pow(10, level / 20) / rms : 1;
        double peak = 0;
        foreach (float v in noisy)
        {
            peak = Math.Max(peak, Math.Abs(v));
        }

        foreach (float v in speech)
        {
            peak = Math.Max(peak, Math.Abs(v));
        }

        g = Math.Min(g, peak > 0 ? 0.99 / peak : g);
        Dsp.Scale(noisy, g);
        Dsp.Scale(speech, g);
        if (rng.NextDouble() < _opt.ClipProbability)
        {
            // Mild clipping of the input only (an overdriven preamp): the target stays the unclipped speech.
            float limit = (float)(peak * g * Dsp.Uniform(rng, 0.5, 0.9));
            for (int i = 0; i < length; i++)
            {
                noisy[i] = Math.Clamp(noisy[i], -limit, limit);
            }
        }
        return new Mixture(speech, noisy, snr, 20 * Math.Log10(Math.Max(rms * g, 1e-12)), reverb, room, rt60,
            speaker.Group, noiseName);
    }

    private SpeakerClips PickSpeaker(Random rng)
    {
        double u = rng.NextDouble() * _speakerCdf[^1];
        int i = Array.FindIndex(_speakerCdf, c => u < c);
        return _part.Speakers[i < 0 ? _speakerCdf.Length - 1 : i];
    }

    /// <summary>Clips of one speaker: a random clip from a random offset, then further clips after short pauses
    /// until the length is filled (short KDE words give speech-pause patterns).</summary>
    private static float[] BuildSpeech(Random rng, SpeakerClips speaker, int length)
    {
        var x = new float[length];
        int pos = rng.NextDouble() < 0.3 ? rng.Next(Fs / 2) : 0;
        bool first = true;
        while (pos < length)
        {
            float[] clip = speaker.Clips[rng.Next(speaker.Clips.Count)];
            int offset = first && clip.Length > length ? rng.Next(clip.Length - length) : 0;
            first = false;
            int n = Math.Min(clip.Length - offset, length - pos);
            clip.AsSpan(offset, n).CopyTo(x.AsSpan(pos));
            pos += n + rng.Next(Fs / 20, (int)(0.4 * Fs));
        }

        return x;
    }

    /// <summary>Microphone/channel colouring: shelving and peaking EQ of ±6 dB, band-limiting.</summary>
    private void ApplyChannel(Random rng, float[] x)
    {
        if (rng.NextDouble() < _opt.EqProbability)
        {
            Dsp.Filter(x, Biquad.LowShelf(Dsp.Uniform(rng, 100, 400), Dsp.Uniform(rng, -6, 6), Fs));
            Dsp.Filter(x, Biquad.HighShelf(Dsp.Uniform(rng, 2000, 5000), Dsp.Uniform(rng, -6, 6), Fs));
            Dsp.Filter(x, Biquad.Peaking(Dsp.Uniform(rng, 300, 4000), 1.0, Dsp.Uniform(rng, -6, 6), Fs));
        }

        if (rng.NextDouble() < _opt.BandLimitProbability)
        {
            double fc = Dsp.Uniform(rng, 3400, 7000);
            Dsp.Filter(x, Biquad.LowPass(fc, 0.707, Fs));
            Dsp.Filter(x, Biquad.LowPass(fc, 0.707, Fs));
            Dsp.Filter(x, Biquad.HighPass(Dsp.Uniform(rng, 60, 300), 0.707, Fs));
        }
    }

    private (float[] Noise, string Name) BuildNoise(Random rng, int length)
    {
        float[] noise;
        string name;
        if (rng.NextDouble() < _opt.StationaryNoiseProbability)
        {
            noise = GeneratedNoise(rng, length);
            name = "generated";
        }
        else
        {
            (noise, name) = RecordedNoise(rng, length);
        }

        if (rng.NextDouble() < _opt.SecondNoiseProbability)
        {
            var (second, name2) = RecordedNoise(rng, length);
            double g = Math.Sqrt(Dsp.MeanPower(noise) / Math.Max(Dsp.MeanPower(second), 1e-20) * Math.Pow(10, Dsp.Uniform(rng, -10, 0) / 10));
            for (int i = 0; i < length; i++)
            {
                noise[i] += (float)(g * second[i]);
            }

            name += "+" + name2;
        }

        return (noise, name);
    }

    private (float[] Noise, string Name) RecordedNoise(Random rng, int length)
    {
        string cat = _noiseCategories[rng.Next(_noiseCategories.Length)];
        var files = _part.Noise.Where(n => n.Category == cat).ToList();
        NoiseClip clip = files[rng.Next(files.Count)];
        var x = new float[length];
        int pos = rng.Next(clip.Samples.Length);
        for (int i = 0; i < length; i++)
        {
            x[i] = clip.Samples[pos];
            pos = pos + 1 == clip.Samples.Length ? 0 : pos + 1;
        }

        return (x, clip.File);
    }

    /// <summary>Low-frequency rumble: white noise through two 2nd-order low-passes at 30–150 Hz, 0 to +10 dB against
    /// the noise already there.</summary>
    private static void AddRumble(Random rng, float[] noise)
    {
        var r = new float[noise.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = (float)Dsp.Gaussian(rng);
        }

        double fc = Dsp.Uniform(rng, 30, 150);
        Dsp.Filter(r, Biquad.LowPass(fc, 0.707, Fs));
        Dsp.Filter(r, Biquad.LowPass(fc, 0.707, Fs));
        double g = Math.Sqrt(Math.Max(Dsp.MeanPower(noise), 1e-20) / Math.Max(Dsp.MeanPower(r), 1e-20) * Math.Pow(10, Dsp.Uniform(rng, 0, 10) / 10));
        for (int i = 0; i < r.Length; i++)
        {
            noise[i] += (float)(g * r[i]);
        }
    }

    /// <summary>Stationary noise: white, pink (Kellet's refined filter, −3 dB/octave), brown (leaky integrator,
    /// −6 dB/octave) or a random colour (one-pole low-pass and peaking EQ), with an optional slow amplitude modulation
    /// (fans, hum, hiss, cockpit and car cabin noise).</summary>
    private static float[] GeneratedNoise(Random rng, int length)
    {
        var x = new float[length];
        int colour = rng.Next(4);
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, state = 0;
        double pole = colour switch { 0 => 0, 2 => 0.995, _ => Dsp.Uniform(rng, 0, 0.98) };
        for (int i = 0; i < length; i++)
        {
            double w = Dsp.Gaussian(rng);
            if (colour == 1)
            {
                b0 = (0.99886 * b0) + (w * 0.0555179);
                b1 = (0.99332 * b1) + (w * 0.0750759);
                b2 = (0.96900 * b2) + (w * 0.1538520);
                b3 = (0.86650 * b3) + (w * 0.3104856);
                b4 = (0.55000 * b4) + (w * 0.5329522);
                b5 = (-0.7616 * b5) - (w * 0.0168980);
                x[i] = (float)(b0 + b1 + b2 + b3 + b4 + b5 + b6 + (w * 0.5362));
                b6 = w * 0.115926;
            }
            else
            {
                state = (pole * state) + w;
                x[i] = (float)state;
            }
        }

        if (colour == 3)
        {
            Dsp.Filter(x, Biquad.Peaking(Dsp.Uniform(rng, 100, 6000), Dsp.Uniform(rng, 0.5, 4), Dsp.Uniform(rng, -12, 12), Fs));
        }

        if (rng.NextDouble() < 0.3)
        {
            double rate = Dsp.Uniform(rng, 0.1, 2), depth = Dsp.Uniform(rng, 0.1, 0.5), phase = rng.NextDouble() * 2 * Math.PI;
            for (int i = 0; i < length; i++)
            {
                x[i] *= (float)(1 + (depth * Math.Sin((2 * Math.PI * rate * i / Fs) + phase)));
            }
        }

        return x;
    }
}
