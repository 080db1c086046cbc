using System.Text;
using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Model;

namespace RtDenoise.Fuzz;

/// <summary>
/// Writes the seed corpus (committed as tests/Fuzz/corpus; `RtDenoise.Fuzz seed DIR` regenerates it): tiny valid
/// inputs of each target, small so that AFL's mutations stay cheap.
/// </summary>
internal static class Seeds
{
    public static void Write(string dir)
    {
        string model = Directory.CreateDirectory(Path.Combine(dir, "model")).FullName;
        RtmModel fp32 = TinyModel(1, noiseAware: false);
        RtmWriter.Write(Path.Combine(model, "fp32.rtm"), fp32);
        RtmWriter.Write(Path.Combine(model, "noise-aware.rtm"), TinyModel(2, noiseAware: true));
        RtmWriter.Write(Path.Combine(model, "vbs3-int4-lut3.rtm"), ModelQuantizer.Quantize(fp32, [WeightFormat.Vbs(3), WeightFormat.Int(4), WeightFormat.Lut(3)]));
        RtmWriter.Write(Path.Combine(model, "fixed8-vbs2.rtm"), ModelQuantizer.Quantize(fp32, [WeightFormat.Fixed(8), WeightFormat.Vbs(2), WeightFormat.Vbs(8)]));

        string wav = Directory.CreateDirectory(Path.Combine(dir, "wav")).FullName;
        var rng = new Random(3);
        float[] Tone(int n) => Enumerable.Range(0, n).Select(i => (float)((0.5 * Math.Sin(i * 0.3)) + (0.01 * rng.NextDouble()))).ToArray();
        WavWriter.WriteAll(Path.Combine(wav, "pcm8-mono.wav"), [Tone(16)], 16000, SampleEncoding.Pcm8);
        WavWriter.WriteAll(Path.Combine(wav, "pcm16-mono.wav"), [Tone(16)], 16000, SampleEncoding.Pcm16);
        WavWriter.WriteAll(Path.Combine(wav, "pcm16-stereo.wav"), [Tone(12), Tone(12)], 48000, SampleEncoding.Pcm16);
        WavWriter.WriteAll(Path.Combine(wav, "pcm24-mono.wav"), [Tone(12)], 44100, SampleEncoding.Pcm24);
        WavWriter.WriteAll(Path.Combine(wav, "pcm32-mono.wav"), [Tone(8)], 8000, SampleEncoding.Pcm32);
        WavWriter.WriteAll(Path.Combine(wav, "float32-mono.wav"), [Tone(8)], 16000, SampleEncoding.Float32);
        WavWriter.WriteAll(Path.Combine(wav, "float64-stereo.wav"), [Tone(4), Tone(4)], 22050, SampleEncoding.Float64);
        File.WriteAllBytes(Path.Combine(wav, "extensible-pcm24-3ch.wav"), Riff(Extensible(3, 16000, 24, pcm: true), 3 * 3 * 4, withList: false));
        File.WriteAllBytes(Path.Combine(wav, "extensible-float32-list.wav"), Riff(Extensible(1, 48000, 32, pcm: false), 4 * 8, withList: true));
        File.WriteAllBytes(Path.Combine(wav, "rf64-pcm16-mono.wav"), Rf64(Pcm(1, 8000, 16), 2 * 8));
        File.WriteAllBytes(Path.Combine(wav, "rf64-extensible-float32-stereo.wav"), Rf64(Extensible(2, 16000, 32, pcm: false), 2 * 4 * 4));

        string chain = Directory.CreateDirectory(Path.Combine(dir, "chain")).FullName;
        string[] texts =
        [
            "highpass:80,dnn,limiter:-1",
            "dnn:12",
            "classic, bypass",
            "speex:-20,gain:3.5e0",
            "ladspa:lowpass_iir_1891.so:lowpass_iir?Cutoff Frequency=3000&1=0.5",
            "[\"highpass:80\", {\"processor\": \"gain\", \"value\": -6}, \"dnn\"]",
            "{\"chain\": [{\"processor\": \"ladspa\", \"library\": \"./amp.so\", \"label\": \"amp\", \"controls\": {\"Gain (dB)\": 2, \"0\": 1.5}},]} // comment",
            "/* c */ [{\"processor\": \"limiter\"}, \"speex\"]",
        ];
        for (int i = 0; i < texts.Length; i++)
        {
            File.WriteAllText(Path.Combine(chain, $"spec{i + 1}.txt"), texts[i]);
        }
    }

    /// <summary>A small random fp32 model: 64-point STFT (33 bins), 2 context frames, 33-6-6-33.</summary>
    private static RtmModel TinyModel(int seed, bool noiseAware)
    {
        var layout = new StftLayout(64, 32, 64, 16000);
        var rng = new Random(seed);
        FeatureSpec spec = noiseAware ? FeatureSpec.LevelNormalised(1, 1.5f) : FeatureSpec.AbsoluteLogPower(1);
        int bins = layout.Bins, k = spec.Count(bins);
        float[] mean = Enumerable.Range(0, k).Select(_ => (float)((rng.NextDouble() * 4) - 10)).ToArray();
        float[] std = Enumerable.Range(0, k).Select(_ => (float)(1 + rng.NextDouble())).ToArray();
        int[] sizes = [k, 6, 6, bins];
        var layers = new List<RtmLayer>();
        for (int l = 0; l < 3; l++)
        {
            float[] w = Enumerable.Range(0, sizes[l] * sizes[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            float[] b = Enumerable.Range(0, sizes[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            layers.Add(RtmLayer.FromFp32(sizes[l], sizes[l + 1], l == 2 ? Activation.Sigmoid : Activation.Relu, w, b));
        }

        return new RtmModel(layout, spec.ContextFrames, 0.056f, mean, std, layers)
        {
            FeatureKind = spec.Kind,
            LevelTauSeconds = spec.LevelTauSeconds,
            DefaultAttenuationLimitDb = noiseAware ? 24f : RtmFormat.NoAttenuationLimitDb,
        };
    }

    /// <summary>A WAVE_FORMAT_EXTENSIBLE fmt chunk body (40 bytes).</summary>
    private static byte[] Extensible(int channels, int rate, int bits, bool pcm)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        int align = channels * bits / 8;
        w.Write((ushort)0xFFFE);
        w.Write((ushort)channels);
        w.Write(rate);
        w.Write(rate * align);
        w.Write((ushort)align);
        w.Write((ushort)bits);
        w.Write((ushort)22);
        w.Write((ushort)bits);
        w.Write((uint)((1 << channels) - 1));
        w.Write(new Guid(pcm ? "00000001-0000-0010-8000-00aa00389b71" : "00000003-0000-0010-8000-00aa00389b71").ToByteArray());
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>A plain WAVE_FORMAT_PCM fmt chunk body (16 bytes).</summary>
    private static byte[] Pcm(int channels, int rate, int bits)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        int align = channels * bits / 8;
        w.Write((ushort)1);
        w.Write((ushort)channels);
        w.Write(rate);
        w.Write(rate * align);
        w.Write((ushort)align);
        w.Write((ushort)bits);
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>
    /// An RF64 file (EBU Tech 3306): the RIFF and data sizes are 0xFFFFFFFF and the real ones sit in the ds64 chunk
    /// that must come first.
    /// <code>
    /// "RF64" FFFFFFFF "WAVE"
    /// "ds64" 28 | riffSize:u64 | dataSize:u64 | sampleCount:u64 | tableLength:u32 (0)
    /// "fmt " n  | fmt body
    /// "data" FFFFFFFF | samples
    /// </code>
    /// </summary>
    private static byte[] Rf64(byte[] fmt, int dataBytes)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        long riffSize = 4 + (8 + 28) + (8 + fmt.Length) + (8 + dataBytes);
        w.Write(Encoding.ASCII.GetBytes("RF64"));
        w.Write(uint.MaxValue);
        w.Write(Encoding.ASCII.GetBytes("WAVE"));
        w.Write(Encoding.ASCII.GetBytes("ds64"));
        w.Write(28);
        w.Write(riffSize);
        w.Write((long)dataBytes);
        w.Write((long)(dataBytes / BitConverter.ToUInt16(fmt, 12)));
        w.Write(0);
        w.Write(Encoding.ASCII.GetBytes("fmt "));
        w.Write(fmt.Length);
        w.Write(fmt);
        w.Write(Encoding.ASCII.GetBytes("data"));
        w.Write(uint.MaxValue);
        for (int i = 0; i < dataBytes; i++)
        {
            w.Write((byte)((i * 29) & 0x3F));
        }

        w.Flush();
        return ms.ToArray();
    }

    private static byte[] Riff(byte[] fmt, int dataBytes, bool withList)
    {
        using var body = new MemoryStream();
        using var w = new BinaryWriter(body);
        w.Write(Encoding.ASCII.GetBytes("WAVE"));
        w.Write(Encoding.ASCII.GetBytes("fmt "));
        w.Write(fmt.Length);
        w.Write(fmt);
        if (withList)
        {
            byte[] info = Encoding.ASCII.GetBytes("INFOISFT\u0005\0\0\0fuzz\0\0");
            w.Write(Encoding.ASCII.GetBytes("LIST"));
            w.Write(info.Length);
            w.Write(info);
        }

        w.Write(Encoding.ASCII.GetBytes("data"));
        w.Write(dataBytes);
        for (int i = 0; i < dataBytes; i++)
        {
            w.Write((byte)((i * 37) & 0x3F));
        }

        w.Flush();
        byte[] b = body.ToArray();
        using var ms = new MemoryStream();
        using var o = new BinaryWriter(ms);
        o.Write(Encoding.ASCII.GetBytes("RIFF"));
        o.Write(b.Length);
        o.Write(b);
        o.Flush();
        return ms.ToArray();
    }
}
