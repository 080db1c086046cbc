using System.Buffers.Binary;
using System.IO.Hashing;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

public sealed class RtmFormatTests
{
    [Fact]
    public void Write_then_load_round_trips_every_field()
    {
        RtmModel m = TestModels.Random(1).WithGainExponent(0.6f);
        string path = Path.Combine(Path.GetTempPath(), $"rtm-roundtrip-{Environment.ProcessId}.rtm");
        try
        {
            RtmWriter.Write(path, m);
            RtmModel r = RtmModel.Load(path);
            Assert.Equal(m.Layout, r.Layout);
            Assert.Equal(m.ContextFrames, r.ContextFrames);
            Assert.Equal(m.GainFloor, r.GainFloor);
            Assert.Equal(m.GainExponent, r.GainExponent);
            Assert.Equal(m.Mean, r.Mean);
            Assert.Equal(m.Std, r.Std);
            Assert.Equal(m.Layers.Count, r.Layers.Count);
            for (int i = 0; i < m.Layers.Count; i++)
            {
                Assert.Equal(m.Layers[i].In, r.Layers[i].In);
                Assert.Equal(m.Layers[i].Out, r.Layers[i].Out);
                Assert.Equal(m.Layers[i].Activation, r.Layers[i].Activation);
                Assert.Equal("fp32", r.Layers[i].Format);
                Assert.Equal(m.Layers[i].Payload, r.Layers[i].Payload);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Payloads_are_64_byte_aligned()
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(2));
        RtmModel m = RtmModel.Parse(bytes, "x");
        int tableStart = RtmFormat.HeaderSize + (8 * m.FeatureCount);
        for (int i = 0; i < m.Layers.Count; i++)
        {
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(tableStart + (i * RtmFormat.LayerEntrySize) + 32));
            Assert.Equal(0UL, offset % 64);
        }
    }

    [Fact]
    public void Flipped_byte_is_reported_as_checksum_mismatch_naming_the_file()
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(3));
        bytes[200] ^= 0x10;
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(bytes, "model.rtm"));
        Assert.Contains("model.rtm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_field_with_valid_checksum_is_named()
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(4));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(36), 1000); // context frames
        Rehash(bytes);
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(bytes, "m.rtm"));
        Assert.Contains("context frames 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonzero_reserved_header_byte_is_rejected()
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(6));
        bytes[100] = 1;
        Rehash(bytes);
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(bytes, "m.rtm"));
        Assert.Contains("reserved header byte 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_invalid_model_not_a_crash()
    {
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Load("/nonexistent/dir/x.rtm"));
        Assert.Contains("/nonexistent/dir/x.rtm", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Thousands of hostile variants of a valid file: random byte flips, truncations, appended bytes, and field
    /// overwrites with extreme values followed by a correct checksum (so the field checks themselves are hit).
    /// Each must parse or throw <see cref="InvalidModelException"/>; nothing else, and quickly.
    /// </summary>
    [Fact]
    public void Fuzzed_files_only_ever_throw_InvalidModelException()
    {
        byte[] good = RtmWriter.ToBytes(TestModels.Random(5));
        var rng = new Random(12345);
        int rejected = 0, accepted = 0, mustReject = 0, mustRejectRejected = 0;
        uint[] extremes = [0, 1, 2, 3, 63, 64, 65, 255, 256, 4096, 65536, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int iter = 0; iter < 4000; iter++)
        {
            byte[] b = (byte[])good.Clone();
            switch (iter % 5)
            {
                case 0:
                    b = b[..rng.Next(b.Length)];
                    break;
                case 1:
                    for (int j = rng.Next(1, 9); j > 0; j--)
                    {
                        b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                    }

                    break;
                case 2:
                    b = [.. b, .. Enumerable.Range(0, rng.Next(1, 128)).Select(_ => (byte)rng.Next(256))];
                    break;
                case 3:
                    {
                        // Any aligned u32 of the header and tables (not the weights), overwritten and re-checksummed.
                        int tableEnd = RtmFormat.HeaderSize + (8 * 66) + (3 * RtmFormat.LayerEntrySize);
                        int pos = rng.Next(tableEnd / 4) * 4;
                        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(pos), extremes[rng.Next(extremes.Length)]);
                        Rehash(b);
                        break;
                    }

                default:
                    {
                        // Random bytes anywhere, re-checksummed; also 64-bit fields (offsets, lengths) set to extremes.
                        int pos = rng.Next(b.Length - 16);
                        if (rng.Next(2) == 0)
                        {
                            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(pos & ~7), rng.Next(2) == 0 ? ulong.MaxValue : (ulong)rng.NextInt64());
                        }
                        else
                        {
                            b[pos] = (byte)rng.Next(256);
                        }

                        if (b.Length >= 16)
                        {
                            Rehash(b);
                        }

                        break;
                    }
            }

            // Truncated, bit-flipped without a new checksum, or padded files can never be valid.
            bool invalid = iter % 5 <= 2;
            mustReject += invalid ? 1 : 0;
            try
            {
                RtmModel m = RtmModel.Parse(b, "fuzz.rtm");
                _ = new DnnSpectralProcessor(m);
                accepted++;
            }
            catch (InvalidModelException ex)
            {
                Assert.StartsWith("fuzz.rtm: ", ex.Message, StringComparison.Ordinal);
                rejected++;
                mustRejectRejected += invalid ? 1 : 0;
            }
        }

        Assert.Equal(mustReject, mustRejectRejected);
        Assert.True(rejected > mustReject, $"no re-checksummed field overwrite was rejected ({rejected} rejected)");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"fuzzing took {clock.Elapsed}");
        Assert.True(accepted + rejected == 4000);
    }

    private static void Rehash(byte[] b)
    {
        if (b.Length < 8)
        {
            return;
        }

        ulong h = XxHash64.HashToUInt64(b.AsSpan(0, b.Length - 8));
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(b.Length - 8), h);
    }

    [Fact]
    public void Noise_aware_model_round_trips_its_feature_kind_time_constant_and_default_limit()
    {
        RtmModel m = TestModels.Random(11, noiseAware: true);
        RtmModel r = RtmModel.Parse(RtmWriter.ToBytes(m), "kind2.rtm");
        Assert.Equal(RtmFormat.FeatureLevelNormalisedNoiseAware, r.FeatureKind);
        Assert.Equal(m.LevelTauSeconds, r.LevelTauSeconds);
        Assert.Equal(m.DefaultAttenuationLimitDb, r.DefaultAttenuationLimitDb);
        Assert.Equal((m.ContextFrames + 1) * m.Layout.Bins, r.FeatureCount);
        Assert.Equal(m.Mean, r.Mean);
    }

    [Fact]
    public void Version_1_files_are_refused_naming_the_version()
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 1);
        Rehash(bytes);
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(bytes, "old.rtm"));
        Assert.Contains("old.rtm", ex.Message, StringComparison.Ordinal);
        Assert.Contains("version 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.01f)]
    [InlineData(float.NaN)]
    [InlineData(1000f)]
    public void Kind_2_with_a_bad_time_constant_is_refused(float tau)
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(13, noiseAware: true));
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(68), tau);
        Rehash(bytes);
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(bytes, "tau.rtm"));
        Assert.Contains("time constant", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(101f)]
    [InlineData(float.NaN)]
    public void A_bad_default_attenuation_limit_is_refused(float limit)
    {
        byte[] bytes = RtmWriter.ToBytes(TestModels.Random(14));
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(72), limit);
        Rehash(bytes);
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(bytes, "lim.rtm"));
        Assert.Contains("attenuation limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_std_whose_reciprocal_overflows_is_refused()
    {
        RtmModel m = TestModels.Random(15);
        m.Std[3] = 1e-40f;
        var ex = Assert.Throws<InvalidModelException>(() => RtmModel.Parse(RtmWriter.ToBytes(m), "tiny-std.rtm"));
        Assert.Contains("std[3]", ex.Message, StringComparison.Ordinal);
    }
}
