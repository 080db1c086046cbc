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

        RequireRows(manifest, speech, "speech");
        RequireRows(manifest, noise, "noise");
        Dictionary<string, float[]> cache = ReadAudio(dataDir, manifest, [.. speech.Concat(noise)]);

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
        var train = new CorpusPart(Speakers(false), Noise(false), rirs.Where(r => !ValidationRooms.Contains(r.Room)).ToList());
        var validation = new CorpusPart(Speakers(true), Noise(true), rirs.Where(r => ValidationRooms.Contains(r.Room)).ToList());
        RequireComplete(manifest, train, "training");
        RequireComplete(manifest, validation, "validation");
        return (train, validation);
    }

    private static void RequireRows(string manifest, IReadOnlyCollection<ManifestEntry> rows, string kind)
    {
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{manifest}: lists no {kind} files (kind column '{kind}'); the corpus is incomplete.");
        }
    }

    private static void RequireComplete(string manifest, CorpusPart part, string side)
    {
        if (part.Speakers.Count == 0 || part.Noise.Count == 0)
        {
            throw new InvalidDataException(
                $"{manifest}: the {side} split has {part.Speakers.Count} speaker groups and {part.Noise.Count} noise files; it needs at least one of each (the manifest is incomplete).");
        }
    }

    /// <summary>Every listed file, read in parallel; a missing or unreadable one is reported with its manifest line.</summary>
    private static Dictionary<string, float[]> ReadAudio(string dataDir, string manifest, IReadOnlyList<ManifestEntry> rows)
    {
        foreach (ManifestEntry r in rows)
        {
            if (!File.Exists(Path.Combine(dataDir, r.File)))
            {
                throw new InvalidDataException($"{manifest}:{r.Line}: listed file '{r.File}' does not exist.");
            }
        }

        var cache = new Dictionary<string, float[]>(StringComparer.Ordinal);
        object gate = new();
        try
        {
            Parallel.ForEach(rows, r =>
            {
                float[] x = ReadListed(dataDir, manifest, r.File, r.Line);
                lock (gate)
                {
                    cache[r.File] = x;
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is InvalidDataException))
        {
            throw ex.InnerExceptions.OfType<InvalidDataException>().OrderBy(e => e.Message, StringComparer.Ordinal).First();
        }

        return cache;
    }

    private static float[] ReadListed(string dataDir, string manifest, string file, int line)
    {
        try
        {
            return WavFile.ReadMono(Path.Combine(dataDir, file), SampleRate);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{manifest}:{line}: '{file}': {ex.Message}", ex);
        }
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

        int lineNo = 1;
        foreach (string line in File.ReadAllLines(manifest).Skip(1))
        {
            lineNo++;
            string[] c = line.Split('\t');
            if (c.Length < 3 || !double.TryParse(c[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double rt60))
            {
                continue;
            }

            if (rt60 > MaxMeasuredRt60)
            {
                continue;
            }

            result.Add(new MeasuredRir(c[0], RoomOf(c[0]), rt60, ReadListed(dir, manifest, c[0], lineNo)));
        }

        return result.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("_(W|s1r4|lp4|az[0-9]{3})$")]
    private static partial Regex PositionSuffix();
}
