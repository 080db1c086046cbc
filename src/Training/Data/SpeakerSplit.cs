namespace RtDenoise.Training.Data;

/// <summary>
/// Train/validation split of the corpus by speaker. Speakers are grouped first (the Asterisk en_US and es_MX
/// Allison voices are one person, NOTES.md), and a whole group goes to one side. The validation groups are a fixed
/// list chosen to cover every source type (VCTK, LibriSpeech, CMU ARCTIC, one Asterisk voice, KDE clips), so the
/// validation set is unseen speakers of every kind.
/// </summary>
public static class SpeakerSplit
{
    /// <summary>Speaker groups held out for validation.</summary>
    public static readonly IReadOnlySet<string> ValidationGroups = new HashSet<string>(StringComparer.Ordinal)
    {
        "p227", "p258", "p273", "libri3436", "libri8463", "aew", "asterisk-fr_CA_f_June",
        "klettres-es", "klettres-nb", "ktuberling-ro", "ktuberling-el",
    };

    /// <summary>The person behind a speaker id (files without an id are each their own speaker).</summary>
    public static string Group(ManifestEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.SpeakerId.Length == 0)
        {
            return "file:" + e.File;
        }

        return e.SpeakerId is "asterisk-en_US_f_Allison" or "asterisk-es_MX_f_Allison" ? "asterisk-Allison" : e.SpeakerId;
    }

    /// <summary>Speech sources held out whole (validation must include a corpus no training speaker comes
    /// from, so a win there is not a win on one recording chain): CMU ARCTIC and LibriTTS, every speaker.</summary>
    public static readonly IReadOnlySet<string> ValidationSpeechSources = new HashSet<string>(StringComparer.Ordinal)
    {
        "cmu_arctic", "libritts",
    };

    /// <summary>Noise categories held out whole: no file of them is ever trained on.</summary>
    public static readonly IReadOnlySet<string> ValidationNoiseCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "household", "weather",
    };

    public static bool IsValidation(ManifestEntry e) =>
        ValidationGroups.Contains(Group(e)) || ValidationSpeechSources.Contains(e.Category);

    /// <summary>
    /// Sampling weight of a speaker group: every person counts the same whatever their minutes (so the four Asterisk
    /// voices, half the audio, do not dominate), except the KDE letter/word clips (amateur recordings with audible
    /// floors, NOTES.md), which get a quarter, and the two one-clip fixtures (AMI, Common Voice), which get half.
    /// </summary>
    public static double GroupWeight(string category) => category switch
    {
        "klettres" or "ktuberling" => 0.25,
        "ami" or "commonvoice" => 0.5,
        _ => 1.0,
    };

    /// <summary>Noise files: every file of the held-out categories, and every 4th file of each other category (sorted by
    /// name) is validation-only; other categories with fewer than 2 files stay in training.</summary>
    public static HashSet<string> ValidationNoiseFiles(IEnumerable<ManifestEntry> noise)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cat in noise.GroupBy(n => n.Category))
        {
            if (ValidationNoiseCategories.Contains(cat.Key))
            {
                result.UnionWith(cat.Select(n => n.File));
                continue;
            }

            var files = cat.Select(n => n.File).Order(StringComparer.Ordinal).ToList();
            if (files.Count < 2)
            {
                continue;
            }

            for (int i = 1; i < files.Count; i += 4)
            {
                result.Add(files[i]);
            }
        }

        return result;
    }
}
