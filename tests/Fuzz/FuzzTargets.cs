using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using RtDenoise.Engine;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Chain;

namespace RtDenoise.Fuzz;

/// <summary>
/// The three fuzz targets: each feeds bytes to one parser and swallows only that parser's own exception type, so any
/// other exception escapes (AFL records a crash; FuzzRegressionTests fails). Shared, as source, by the AFL harness
/// (Program.cs) and the regression tests in RealtimeEngine.Tests, which link this file.
/// </summary>
public static class FuzzTargets
{
    /// <summary><see cref="RtmModel.Parse"/>, after recomputing the trailing checksum so mutations reach the checks
    /// behind it (idempotent for files that already carry a valid one).</summary>
    public static void Model(byte[] bytes)
    {
        try
        {
            RtmModel.Parse(WithChecksum(bytes), "fuzz.rtm");
        }
        catch (InvalidModelException)
        {
        }
    }

    /// <summary>The bytes written to <paramref name="path"/> and read as the CLI reads WAVs: frame by frame as
    /// <c>denoise</c> does, whole as <c>metrics</c> and <c>eval</c> do.</summary>
    public static void Wav(byte[] bytes, string path)
    {
        File.WriteAllBytes(path, bytes);
        try
        {
            using (WavReader r = WavReader.Open(path))
            {
                var buf = new float[256 * r.Channels];
                while (r.ReadFrames(buf) > 0)
                {
                }
            }

            WavReader.ReadAllChannels(path, out _);
        }
        catch (InvalidAudioFileException)
        {
        }
    }

    /// <summary>The bytes as UTF-8 text given to the JSON, argument and element parsers of chain specs.</summary>
    public static void Chain(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        Allow(() => ChainSpecParser.ParseJson(text, "fuzz.json"));
        if (!text.Contains('\0'))
        {
            Allow(() => ChainSpecParser.ParseArgument(text)); // a path when it names a file: never true for seeds
        }

        Allow(() => [ChainSpecParser.ParseElement(text)]);

        static void Allow(Func<IReadOnlyList<ChainElementSpec>> parse)
        {
            try
            {
                parse();
            }
            catch (InvalidChainSpecException)
            {
            }
        }
    }

    /// <summary>Replaces the last 8 bytes by the XxHash64 of the rest, as RtmWriter does (inputs of 8+ bytes).</summary>
    public static byte[] WithChecksum(byte[] bytes)
    {
        byte[] copy = (byte[])bytes.Clone();
        if (copy.Length >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), XxHash64.HashToUInt64(copy.AsSpan(0, copy.Length - 8)));
        }

        return copy;
    }
}
