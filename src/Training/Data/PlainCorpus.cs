using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.Training.Data;

/// <summary>
/// A user's own recordings as a validation corpus, without a manifest:
/// <code>
///   DIR/speech/[SPEAKER/]*.wav    clean speech; a first-level subfolder is one speaker, a file directly in speech/
///                                 is its own speaker
///   DIR/noise/[CATEGORY/]*.wav    noise; a first-level subfolder is its category, else "noise"
/// </code>
/// Every file is used (it is the user's set; nothing is held out for training). Any WAV the engine reads is taken:
/// channels are averaged and other rates resampled to 16 kHz with the metrics' polyphase resampler. Rooms are the
/// generator's synthetic ones (measured responses need their RT60, which only a manifest gives).
/// </summary>
public static class PlainCorpus
{
    /// <summary>Files read from one corpus at most: a folder of that many clips is already far beyond a devset.</summary>
    public const int MaxFiles = 20000;

    /// <summary>True when <paramref name="dir"/> has the speech/ and noise/ folders of a plain corpus.</summary>
    public static bool IsPlainCorpus(string dir) =>
        Directory.Exists(Path.Combine(dir, "speech")) && Directory.Exists(Path.Combine(dir, "noise"));

    /// <summary>Loads the corpus; throws <see cref="InvalidDataException"/> naming the file or folder that is wrong.</summary>
    public static CorpusPart Load(string dir)
    {
        string speechDir = Path.Combine(dir, "speech"), noiseDir = Path.Combine(dir, "noise");
        List<(string Group, string Path)> speech = Wavs(speechDir, "speech", file => Path.GetFileNameWithoutExtension(file));
        List<(string Group, string Path)> noise = Wavs(noiseDir, "noise", _ => "noise");
        var speakers = speech
            .GroupBy(f => f.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SpeakerClips(g.Key, 1.0, g.Select(f => Read(f.Path)).ToList()))
            .ToList();
        var noiseClips = noise
            .Select(f => new NoiseClip(Path.GetRelativePath(dir, f.Path), f.Group, Read(f.Path)))
            .ToList();
        return new CorpusPart(speakers, noiseClips, []);
    }

    /// <summary>The WAV files under <paramref name="root"/>, sorted, each with its group: its first-level subfolder, or
    /// <paramref name="looseGroup"/> of a file directly in <paramref name="root"/>. Each real folder is entered once
    /// (by device and inode), so linked folders cannot loop.</summary>
    private static List<(string Group, string Path)> Wavs(string root, string what, Func<string, string> looseGroup)
    {
        var found = new List<(string, string)>();
        var entered = new HashSet<FileIdentity>();
        var pending = new Stack<(string Folder, string? Group)>();
        pending.Push((root, null));
        while (pending.Count > 0)
        {
            var (folder, group) = pending.Pop();
            if (FileIdentity.Of(folder) is { } id && !entered.Add(id))
            {
                continue;
            }

            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"{folder}: cannot list the folder ({ex.Message}).", ex);
            }

            foreach (string entry in entries.Order(StringComparer.Ordinal))
            {
                if (Directory.Exists(entry))
                {
                    pending.Push((entry, group ?? Path.GetFileName(entry)));
                }
                else if (entry.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                {
                    found.Add((group ?? looseGroup(entry), entry));
                    if (found.Count > MaxFiles)
                    {
                        throw new InvalidDataException($"{root}: more than {MaxFiles} WAV files; point --data at a smaller set.");
                    }
                }
            }
        }

        if (found.Count == 0)
        {
            throw new InvalidDataException($"{root}: no .wav files (a plain corpus needs {what}/ with at least one WAV file).");
        }

        return found.OrderBy(f => f.Item2, StringComparer.Ordinal).ToList();
    }

    private static float[] Read(string path)
    {
        float[] mono;
        int rate;
        try
        {
            mono = MetricAudio.ReadMono(path, out rate);
        }
        catch (InvalidAudioFileException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }

        if (mono.Length == 0)
        {
            throw new InvalidDataException($"{path}: the file holds no samples.");
        }

        if (rate == Corpus.SampleRate)
        {
            return mono;
        }

        double[] wide = Array.ConvertAll(mono, x => (double)x);
        return Array.ConvertAll(MetricResampler.Resample(wide, rate, Corpus.SampleRate), x => (float)x);
    }
}
