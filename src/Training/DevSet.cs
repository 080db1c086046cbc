using System.Globalization;
using System.Text;
using RtDenoise.Offline.Audio;
using RtDenoise.Training.Data;
using RtDenoise.Training.Mixing;

namespace RtDenoise.Training;

/// <summary>
/// The fixed, seeded validation set: mixtures of validation speakers, validation noise files and validation rooms
/// (measured, or synthetic), even indices dry and odd indices reverberant. The trainer validates on its first
/// mixtures; <c>rtdenoise make-devset</c> writes all of them as <c>clean/NNN.wav</c> and <c>noisy/NNN.wav</c>
/// with <c>meta.tsv</c> (SNR, level, room, RT60, speaker, noise).
/// </summary>
public static class DevSet
{
    public const int Seed = 20261127;
    public const int DefaultCount = 120;
    public const double Seconds = 5.0;

    /// <summary>Profiles <c>make-devset --profile</c> knows: the recipe's own conditions, and real devices.</summary>
    public static IReadOnlyList<string> Profiles { get; } = ["default", "real"];

    public static MixingOptions ProfileOptions(string profile) => profile switch
    {
        "default" => MixingOptions.Validation,
        "real" => MixingOptions.RealDevices,
        _ => throw new ArgumentException($"unknown validation profile '{profile}'; expected one of: {string.Join(", ", Profiles)}", nameof(profile)),
    };

    public static List<Mixture> Generate(CorpusPart validation, int count, int seed = Seed, MixingOptions? options = null)
    {
        var gen = new MixtureGenerator(validation, options ?? MixingOptions.Validation);
        var result = new Mixture[count];
        Parallel.For(0, count, i =>
        {
            var rng = new Random(Seeds.Derive(seed, i));
            result[i] = gen.Generate(rng, (int)(Seconds * Corpus.SampleRate), reverberant: i % 2 == 1);
        });
        return result.ToList();
    }

    public static void Write(string outDir, IReadOnlyList<Mixture> mixtures)
    {
        ArgumentNullException.ThrowIfNull(mixtures);
        string clean = Path.Combine(outDir, "clean"), noisy = Path.Combine(outDir, "noisy");
        Directory.CreateDirectory(clean);
        Directory.CreateDirectory(noisy);
        var meta = new StringBuilder("file\tsnr_db\tlevel_dbfs\treverberant\troom\trt60_s\tspeaker\tnoise\n");
        for (int i = 0; i < mixtures.Count; i++)
        {
            Mixture m = mixtures[i];
            string name = $"{i:D3}.wav";
            WavFile.WritePcm16(Path.Combine(clean, name), m.Clean, Corpus.SampleRate);
            WavFile.WritePcm16(Path.Combine(noisy, name), m.Noisy, Corpus.SampleRate);
            meta.Append(CultureInfo.InvariantCulture,
                $"{name}\t{m.SnrDb:0.00}\t{m.LevelDbfs:0.00}\t{(m.Reverberant ? 1 : 0)}\t{m.Room}\t{m.Rt60:0.00}\t{m.Speaker}\t{m.Noise}\n");
        }

        string metaPath = Path.Combine(outDir, "meta.tsv");
        using var atomic = new AtomicFileWriter(metaPath);
        atomic.Stream.Write(Encoding.UTF8.GetBytes(meta.ToString()));
        atomic.Commit();
    }
}
