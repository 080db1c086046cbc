using System.Globalization;
using System.Text.RegularExpressions;

namespace RtDenoise.Training.Data;

/// <summary>A speaker group's clips (audio in memory) and its sampling weight.</summary>
public sealed record SpeakerClips(string Group, double Weight, IReadOnlyList<float[]> Clips);

/// <summary>A noise recording with its category.</summary>
public sealed record NoiseClip(string File, string Category, float[] Samples);

/// <summary>A measured room impulse response and its room.</summary>
public sealed record MeasuredRir(string File, string Room, double Rt60, float[] Samples);

/// <summary>One side (train or validation) of the corpus, loaded into memory.</summary>
public sealed record CorpusPart(IReadOnlyList<SpeakerClips> Speakers, IReadOnlyList<NoiseClip> Noise,
    IReadOnlyList<MeasuredRir> Rirs)
{
    public double SpeechMinutes => Speakers.Sum(s => s.Clips.Sum(c => c.Length)) / 16000.0 / 60.0;
}

/// <summary>
/// Loads <c>../shared/data</c> (MANIFEST.tsv, speech/, noise/, rir/) and splits it: speakers by group
/// (<see cref="SpeakerSplit"/>), noise by file, measured room impulse responses by room. TTS examples are not used
/// (NOTES.md: vocoder artefacts must not become "clean").
/// </summary>
public static partial class Corpus
{
    public const int SampleRate = 16000;

    /// <summary>Rooms whose measured responses are validation-only (one short, one medium, one long RT60).</summary>
    public static readonly IReadOnlySet<string> ValidationRooms = new HashSet<string>(StringComparer.Ordinal)
    {
        "spatialaudio_seminar_room_clap", "openair_arthur_sykes_rymer_auditorium", "openair_st_andrews_church",
    };

    /// <summary>Measured responses longer than this RT60 (sports hall 5.8 s, cellar 6.7 s) are dropped: harsher
    /// than rooms a speech denoiser meets (rir/NOTES.md).</summary>
    public const double MaxMeasuredRt60 = 3.0;

    public static (CorpusPart Train, CorpusPart Validation) Load(string dataDir)
    {
        string manifest = Path.Combine(dataDir, "MANIFEST.tsv");
        IReadOnlyList<ManifestEntry> rows = ManifestEntry.Read(manifest);
        var speech = rows.Where(r => r.Kind == "speech").ToList();
        var noise = rows.Where(r => r.Kind == "noise").ToList();
        HashSet<string> valNoise = SpeakerSplit.ValidationNoiseFiles(noise);

        var cache = new Dictionary<string, float[]>(StringComparer.Ordinal);
        object gate = new();
        Parallel.ForEach(speech.Concat(noise), r =>
        {
            float[] x = WavFile.ReadMono(Path.Combine(dataDir, r.File), SampleRate);
            lock (gate)
            {
                cache[r.File] = x;
            }
        });

        List<SpeakerClips> Speakers(bool validation) => speech
            .Where(r => SpeakerSplit.IsValidation(r) == validation)
            .GroupBy(SpeakerSplit.Group)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SpeakerClips(g.Key, SpeakerSplit.GroupWeight(g.First().Category),
                g.OrderBy(r => r.File, StringComparer.Ordinal).Select(r => cache[r.File]).ToList()))
            .ToList();

        List<NoiseClip> Noise(bool validation) => noise
            .Where(r => valNoise.Contains(r.File) == validation)
            .OrderBy(r => r.File, StringComparer.Ordinal)
            .Select(r => new NoiseClip(r.File, r.Category, cache[r.File]))
            .ToList();

        List<MeasuredRir> rirs = LoadRirs(Path.Combine(dataDir, "rir"));
        return (
            new CorpusPart(Speakers(false), Noise(false), rirs.Where(r => !ValidationRooms.Contains(r.Room)).ToList()),
            new CorpusPart(Speakers(true), Noise(true), rirs.Where(r => ValidationRooms.Contains(r.Room)).ToList()));
    }

    /// <summary>Room of a measured response: the file name without its position suffix (_W, _s1r4, _lp4, _az050).</summary>
    public static string RoomOf(string file) => PositionSuffix().Replace(Path.GetFileNameWithoutExtension(file), "");

    private static List<MeasuredRir> LoadRirs(string dir)
    {
        string manifest = Path.Combine(dir, "MANIFEST.tsv");
        var result = new List<MeasuredRir>();
        if (!File.Exists(manifest))
        {
            return result;
        }

        foreach (string line in File.ReadAllLines(manifest).Skip(1))
        {
            string[] c = line.Split('\t');
            if (c.Length < 3 || !double.TryParse(c[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double rt60))
            {
                continue;
            }

            if (rt60 > MaxMeasuredRt60)
            {
                continue;
            }

            result.Add(new MeasuredRir(c[0], RoomOf(c[0]), rt60, WavFile.ReadMono(Path.Combine(dir, c[0]), SampleRate)));
        }

        return result.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("_(W|s1r4|lp4|az[0-9]{3})$")]
    private static partial Regex PositionSuffix();
}
