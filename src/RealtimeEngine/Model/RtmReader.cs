using System.Buffers.Binary;
using System.IO.Hashing;
using RtDenoise.Engine.IO;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Engine.Model;

/// <summary>
/// Strict loader for <c>.rtm</c> files (layout in <see cref="RtmFormat"/>). Every size is checked against the
/// file length before anything is allocated, so a hostile file costs at most one read of its real length (regular
/// files only, ≤ <see cref="RtmFormat.MaxFileBytes"/>) and is rejected with <see cref="InvalidModelException"/> naming the file and the first bad field.
/// </summary>
internal static class RtmReader
{
    public static RtmModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = BoundedFile.ReadAll(path, "model file", RtmFormat.MaxFileBytes, why => new InvalidModelException(why));
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates a whole model file (layout in <see cref="RtmFormat"/>); every violation is an
    /// <see cref="InvalidModelException"/> naming the field and, for padding, the byte offset.</summary>
    public static RtmModel Parse(ReadOnlySpan<byte> s, string name)
    {
        CheckEnvelope(s, name);
        Header h = ReadHeader(s, name);
        long k = (long)(h.NoiseAware ? h.Context + 1 : h.Context) * h.Layout.Bins;
        long tableStart = RtmFormat.HeaderSize + (8 * k);
        long tableEnd = tableStart + ((long)RtmFormat.LayerEntrySize * h.LayerCount);
        if (tableEnd + RtmFormat.ChecksumSize > s.Length)
        {
            throw Bad(name, $"normalisation ({k} features) and layer table ({h.LayerCount} layers) need {tableEnd + RtmFormat.ChecksumSize} bytes but the file has {s.Length}");
        }

        CheckCost(s, h, k, tableStart, name);
        (float[] mean, float[] std) = ReadNormalisation(s, (int)k, name);
        RtmLayer[] layers = ReadLayers(s, h, k, tableStart, tableEnd, name);
        return new RtmModel(h.Layout, (int)h.Context, h.Floor, mean, std, layers, h.Exponent)
        {
            Source = name,
            FeatureKind = h.FeatureKind,
            LevelTauSeconds = h.Tau,
            DefaultAttenuationLimitDb = h.AttenuationLimitDb,
        };
    }

    /// <summary>Weights and multiply-adds per second, from the layer table's widths alone (the table is inside the
    /// file, checked by the caller), before any normalisation or payload is copied.</summary>
    private static void CheckCost(ReadOnlySpan<byte> s, Header h, long k, long tableStart, string name)
    {
        long weights = 0;
        long inputs = k;
        for (int li = 0; li < h.LayerCount; li++)
        {
            long outputs = U32(s, (int)(tableStart + (li * RtmFormat.LayerEntrySize) + 4));
            weights += inputs * Math.Min(outputs, RtmFormat.MaxLayerWidth + 1L);
            inputs = outputs;
        }

        if (weights > RtmFormat.MaxWeights)
        {
            throw Bad(name, $"{weights} weights exceed the {RtmFormat.MaxWeights}-weight limit for a model");
        }

        long perSecond = weights * h.Layout.SampleRate / h.Layout.Hop;
        if (perSecond > RtmFormat.MaxMultiplyAddsPerSecond)
        {
            throw Bad(name, $"{weights} weights every {h.Layout.Hop}-sample hop at {h.Layout.SampleRate} Hz are {perSecond} multiply-adds per second of audio, over the {RtmFormat.MaxMultiplyAddsPerSecond} limit (it could not run in real time)");
        }
    }

    /// <summary>The header fields after validation.</summary>
    private readonly record struct Header(
        StftLayout Layout, uint Context, uint FeatureKind, float Tau, float AttenuationLimitDb, float Floor, float Exponent, uint LayerCount)
    {
        public bool NoiseAware => FeatureKind == RtmFormat.FeatureLevelNormalisedNoiseAware;
    }

    /// <summary>Length, magic, version, header size, total length field and checksum: what makes it an intact file.</summary>
    private static void CheckEnvelope(ReadOnlySpan<byte> s, string name)
    {
        long len = s.Length;
        if (len < RtmFormat.HeaderSize + RtmFormat.ChecksumSize)
        {
            throw Bad(name, $"file length {len} bytes is shorter than the {RtmFormat.HeaderSize}-byte header plus checksum (truncated?)");
        }

        if (!s[..8].SequenceEqual(RtmFormat.Magic))
        {
            throw Bad(name, "magic is not \"RTDNMODL\" (not an rtdenoise model)");
        }

        uint version = U32(s, 8);
        if (version == 1)
        {
            throw Bad(name, "format version 1 is no longer supported: version 2 changed the input features (level-normalised, noise-aware); " +
                "use a model made by this rtdenoise (models/denoiser.rtm) or retrain with `rtdenoise train`");
        }

        if (version != RtmFormat.Version)
        {
            throw Bad(name, $"format version {version} is not supported (this build reads version {RtmFormat.Version})");
        }

        uint headerSize = U32(s, 12);
        if (headerSize != RtmFormat.HeaderSize)
        {
            throw Bad(name, $"header size {headerSize} must be {RtmFormat.HeaderSize}");
        }

        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(s[56..]);
        if (declared != (ulong)len)
        {
            throw Bad(name, $"total length field says {declared} bytes but the file has {len} (truncated or padded)");
        }

        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(s[(int)(len - RtmFormat.ChecksumSize)..]);
        ulong actual = XxHash64.HashToUInt64(s[..(int)(len - RtmFormat.ChecksumSize)]);
        if (stored != actual)
        {
            throw Bad(name, $"checksum mismatch (stored {stored:x16}, computed {actual:x16}): the file is corrupted");
        }
    }

    private static Header ReadHeader(ReadOnlySpan<byte> s, string name)
    {
        StftLayout layout = ReadLayout(s, name);
        uint windowKind = U32(s, 32);
        if (windowKind != RtmFormat.WindowSqrtHannPeriodic)
        {
            throw Bad(name, $"window kind {windowKind} is unknown (1 = periodic sqrt-Hann)");
        }

        uint context = U32(s, 36);
        if (context < 1 || context > RtmFormat.MaxContextFrames)
        {
            throw Bad(name, $"context frames {context} is outside 1..{RtmFormat.MaxContextFrames}");
        }

        uint featureKind = U32(s, 40);
        if (featureKind is not (RtmFormat.FeatureLogPower or RtmFormat.FeatureLevelNormalisedNoiseAware))
        {
            throw Bad(name, $"feature kind {featureKind} is unknown (1 = log-power, 2 = level-normalised noise-aware)");
        }

        float tau = BinaryPrimitives.ReadSingleLittleEndian(s[68..]);
        bool noiseAware = featureKind == RtmFormat.FeatureLevelNormalisedNoiseAware;
        if (noiseAware ? !(tau >= 0.05f && tau <= 60f) : tau != 0f)
        {
            throw Bad(name, $"level time constant {tau} s must be in 0.05..60 for feature kind 2 and 0 for kind 1");
        }

        float attenLimit = BinaryPrimitives.ReadSingleLittleEndian(s[72..]);
        if (!(attenLimit >= 1f && attenLimit <= RtmFormat.NoAttenuationLimitDb))
        {
            throw Bad(name, $"default attenuation limit {attenLimit} dB must be in 1..{RtmFormat.NoAttenuationLimitDb}");
        }

        uint outputKind = U32(s, 44);
        if (outputKind != RtmFormat.OutputGainMask)
        {
            throw Bad(name, $"output kind {outputKind} is unknown (1 = sigmoid gain mask)");
        }

        float floor = BinaryPrimitives.ReadSingleLittleEndian(s[48..]);
        if (!float.IsFinite(floor) || floor <= 0f || floor >= 1f)
        {
            throw Bad(name, $"gain floor {floor} must be in (0, 1)");
        }

        float exponent = BinaryPrimitives.ReadSingleLittleEndian(s[64..]);
        if (!float.IsFinite(exponent) || exponent <= 0f || exponent > 4f)
        {
            throw Bad(name, $"gain exponent {exponent} must be in (0, 4]");
        }

        for (int i = 76; i < RtmFormat.HeaderSize; i++)
        {
            if (s[i] != 0)
            {
                throw Bad(name, $"reserved header byte {i} is 0x{s[i]:x2}, must be 0");
            }
        }

        uint layerCount = U32(s, 52);
        if (layerCount < 1 || layerCount > RtmFormat.MaxLayers)
        {
            throw Bad(name, $"layer count {layerCount} is outside 1..{RtmFormat.MaxLayers}");
        }

        return new Header(layout, context, featureKind, tau, attenLimit, floor, exponent, layerCount);
    }

    private static StftLayout ReadLayout(ReadOnlySpan<byte> s, string name)
    {
        uint sampleRate = U32(s, 16), fft = U32(s, 20), window = U32(s, 24), hop = U32(s, 28);
        if (sampleRate < 8000 || sampleRate > 48000)
        {
            throw Bad(name, $"sample rate {sampleRate} Hz is outside 8000..48000");
        }

        if (fft > RtmFormat.MaxFftSize || window > RtmFormat.MaxFftSize || hop > RtmFormat.MaxFftSize)
        {
            throw Bad(name, $"FFT size {fft} / window {window} / hop {hop} exceed {RtmFormat.MaxFftSize}");
        }

        var layout = new StftLayout((int)window, (int)hop, (int)fft, (int)sampleRate);
        try
        {
            layout.Validate();
        }
        catch (ArgumentException ex)
        {
            throw Bad(name, $"STFT layout: {ex.Message}");
        }

        return layout;
    }

    private static (float[] Mean, float[] Std) ReadNormalisation(ReadOnlySpan<byte> s, int k, string name)
    {
        var mean = new float[k];
        var std = new float[k];
        for (int i = 0; i < k; i++)
        {
            mean[i] = BinaryPrimitives.ReadSingleLittleEndian(s[(RtmFormat.HeaderSize + (4 * i))..]);
            std[i] = BinaryPrimitives.ReadSingleLittleEndian(s[(int)(RtmFormat.HeaderSize + (4 * ((long)k + i)))..]);
            if (!float.IsFinite(mean[i]))
            {
                throw Bad(name, $"normalisation mean[{i}] = {mean[i]} is not finite");
            }

            if (!float.IsFinite(std[i]) || std[i] <= 0f || !float.IsFinite(1f / std[i]) || std[i] < 1e-20f)
            {
                // 1/std must stay finite (1e-40 is positive but its reciprocal overflows: an all-NaN output).
                throw Bad(name, $"normalisation std[{i}] = {std[i]} must be finite and ≥ 1e-20");
            }
        }

        return (mean, std);
    }

    /// <summary>The layer table and payloads; the bytes between and after the payloads must be zero padding only
    /// (the format says "zero padding": extra bytes before the checksum are refused).</summary>
    private static RtmLayer[] ReadLayers(ReadOnlySpan<byte> s, Header h, long k, long tableStart, long tableEnd, string name)
    {
        var layers = new RtmLayer[h.LayerCount];
        long expectIn = k;
        long dataEnd = tableEnd; // end of the last thing read; the bytes after it up to the next offset are padding
        long payloadLimit = s.Length - RtmFormat.ChecksumSize;
        for (int li = 0; li < h.LayerCount; li++)
        {
            ReadOnlySpan<byte> e = s.Slice((int)(tableStart + (li * RtmFormat.LayerEntrySize)), RtmFormat.LayerEntrySize);
            (RtmLayer layer, long offset) = ReadLayer(s, e, li, h, expectIn, RtmFormat.Align(dataEnd), payloadLimit, name);
            RequireZeroPadding(s, dataEnd, offset, $"before layer {li}'s payload", name);
            layers[li] = layer;
            expectIn = layer.Out;
            dataEnd = offset + layer.Payload.Length;
        }

        long paddedEnd = RtmFormat.Align(dataEnd);
        if (paddedEnd < payloadLimit)
        {
            throw Bad(name, $"{payloadLimit - paddedEnd} extra bytes at offset {paddedEnd} before the checksum (the last payload, padded to 64 bytes, ends there)");
        }

        RequireZeroPadding(s, dataEnd, payloadLimit, "after the last payload", name);
        return layers;
    }

    private static (RtmLayer Layer, long Offset) ReadLayer(
        ReadOnlySpan<byte> s, ReadOnlySpan<byte> e, int li, Header h, long expectIn, long minOffset, long payloadLimit, string name)
    {
        uint inputs = U32(e, 0), outputs = U32(e, 4), act = U32(e, 8), reserved = U32(e, 12);
        string where = $"layer {li}";
        CheckLayerShape(inputs, outputs, act, reserved, li, h, expectIn, where, name);
        string format = ReadFormat(e.Slice(16, RtmFormat.FormatFieldSize), name, where);
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(e[32..]);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(e[40..]);
        if (offset % RtmFormat.PayloadAlignment != 0 || offset < (ulong)minOffset || offset > (ulong)payloadLimit)
        {
            throw Bad(name, $"{where} payload offset {offset} must be 64-byte aligned, after the previous data ({minOffset}) and inside the file");
        }

        if (length == 0 || length > (ulong)payloadLimit - offset)
        {
            throw Bad(name, $"{where} payload length {length} at offset {offset} runs past the end of the data ({payloadLimit})");
        }

        byte[] payload = s.Slice((int)offset, (int)length).ToArray();
        if (format == RtmFormat.FormatFp32)
        {
            CheckFp32Payload(payload, inputs, outputs, where, name);
        }

        var layer = new RtmLayer((int)inputs, (int)outputs, (Activation)act, format, payload);
        if (layer.IsQuantized)
        {
            try
            {
                _ = layer.DecodeQuantized();
            }
            catch (InvalidDataException ex)
            {
                throw Bad(name, $"{where} ({inputs}→{outputs}): {ex.Message}");
            }
        }

        return (layer, (long)offset);
    }

    private static void CheckLayerShape(uint inputs, uint outputs, uint act, uint reserved, int li, Header h, long expectIn, string where, string name)
    {
        if (inputs != expectIn)
        {
            throw Bad(name, $"{where} input width {inputs} must be {expectIn} ({(li == 0 ? "the feature count" : "the previous layer's output width")})");
        }

        if (outputs < 1 || outputs > RtmFormat.MaxLayerWidth)
        {
            throw Bad(name, $"{where} output width {outputs} is outside 1..{RtmFormat.MaxLayerWidth}");
        }

        bool last = li == h.LayerCount - 1;
        if (last && outputs != h.Layout.Bins)
        {
            throw Bad(name, $"{where} (output layer) width {outputs} must equal the {h.Layout.Bins} frequency bins");
        }

        if (act > (uint)Activation.Sigmoid)
        {
            throw Bad(name, $"{where} activation code {act} is unknown (0 linear, 1 ReLU, 2 sigmoid)");
        }

        if (last != (act == (uint)Activation.Sigmoid))
        {
            throw Bad(name, $"{where} activation {(Activation)act}: the output layer, and only it, must be sigmoid");
        }

        if (reserved != 0)
        {
            throw Bad(name, $"{where} reserved field is {reserved}, must be 0");
        }
    }

    private static void CheckFp32Payload(byte[] payload, uint inputs, uint outputs, string where, string name)
    {
        long need = 4 * ((inputs * (long)outputs) + outputs);
        if (payload.LongLength != need)
        {
            throw Bad(name, $"{where} fp32 payload length {payload.LongLength} must be {need} (W {outputs}×{inputs} + bias, float32)");
        }

        for (int i = 0; i < payload.Length; i += 4)
        {
            float v = BinaryPrimitives.ReadSingleLittleEndian(payload.AsSpan(i));
            if (!float.IsFinite(v))
            {
                throw Bad(name, $"{where} fp32 value #{i / 4} is not finite");
            }
        }
    }

    /// <summary>Bytes [from, to) are padding, which the format defines as zero.</summary>
    private static void RequireZeroPadding(ReadOnlySpan<byte> s, long from, long to, string where, string name)
    {
        if (to <= from)
        {
            return;
        }

        int nonZero = s[(int)from..(int)to].IndexOfAnyExcept((byte)0);
        if (nonZero >= 0)
        {
            long at = from + nonZero;
            throw Bad(name, $"padding byte at offset {at} ({where}) is 0x{s[(int)at]:x2}, must be 0");
        }
    }

    private static string ReadFormat(ReadOnlySpan<byte> field, string name, string where)
    {
        int n = field.IndexOf((byte)0);
        if (n <= 0)
        {
            throw Bad(name, $"{where} format name is empty or not NUL-terminated");
        }

        for (int i = 0; i < field.Length; i++)
        {
            byte c = field[i];
            bool ok = i < n
                ? (c >= (byte)'a' && c <= (byte)'z') || (c >= (byte)'0' && c <= (byte)'9') || c == (byte)'_' || c == (byte)'<' || c == (byte)'>'
                : c == 0;
            if (!ok)
            {
                throw Bad(name, $"{where} format name has an invalid byte 0x{c:x2} at position {i}");
            }
        }

        return System.Text.Encoding.ASCII.GetString(field[..n]);
    }

    private static uint U32(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(s[offset..]);

    private static InvalidModelException Bad(string name, string what) => new($"{name}: {what}.");
}
