using RtDenoise.Training.Data;

namespace RtDenoise.Training.Tests;

public sealed class SpeakerSplitTests
{
    /// <summary>The corpus manifest carried by this test project (Fixtures/corpus, see its README).</summary>
    private static readonly string SnapshotManifest = Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus", "MANIFEST.tsv");

    /// <summary>The corpus's own manifest in ../shared/data above the test binary, or null on a clone without it.</summary>
    private static string? FindSharedManifest()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "shared", "data", "MANIFEST.tsv");
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    [Fact]
    public void Allison_en_and_es_are_one_speaker_group()
    {
        var en = new ManifestEntry("a.wav", 1, "speech", "asterisk_en", "x", "asterisk-en_US_f_Allison");
        var es = new ManifestEntry("b.wav", 1, "speech", "asterisk_es", "x", "asterisk-es_MX_f_Allison");
        Assert.Equal(SpeakerSplit.Group(en), SpeakerSplit.Group(es));
    }

    [Fact]
    public void Held_out_sources_and_noise_categories_go_to_validation_whole()
    {
        // In-repository rows (no corpus needed): the split's rules on a made-up manifest.
        var arctic = new ManifestEntry("speech/a.wav", 1, "speech", "cmu_arctic", "x", "bdl");
        var vctkHeldOut = new ManifestEntry("speech/b.wav", 1, "speech", "vctk", "x", "p227");
        var vctkTrain = new ManifestEntry("speech/c.wav", 1, "speech", "vctk", "x", "p999");
        Assert.True(SpeakerSplit.IsValidation(arctic));
        Assert.True(SpeakerSplit.IsValidation(vctkHeldOut));
        Assert.False(SpeakerSplit.IsValidation(vctkTrain));

        ManifestEntry[] noise =
        [
            .. Enumerable.Range(0, 3).Select(i => new ManifestEntry($"noise/household{i}.wav", 1, "noise", "household", "x", "")),
            .. Enumerable.Range(0, 8).Select(i => new ManifestEntry($"noise/music{i}.wav", 1, "noise", "music", "x", "")),
        ];
        HashSet<string> val = SpeakerSplit.ValidationNoiseFiles(noise);
        Assert.All(noise.Where(n => n.Category == "household"), n => Assert.Contains(n.File, val));
        Assert.Equal(2, noise.Count(n => n.Category == "music" && val.Contains(n.File))); // every 4th of 8, from the 2nd
    }

    [Fact]
    public void Corpus_train_and_validation_speakers_are_disjoint_and_both_non_empty()
    {
        string manifest = SnapshotManifest;
        var speech = ManifestEntry.Read(manifest).Where(r => r.Kind == "speech").ToList();
        var train = speech.Where(r => !SpeakerSplit.IsValidation(r)).Select(SpeakerSplit.Group).ToHashSet();
        var val = speech.Where(SpeakerSplit.IsValidation).Select(SpeakerSplit.Group).ToHashSet();
        Assert.Empty(train.Intersect(val));
        Assert.True(val.Count >= 8, $"{val.Count} validation speakers");
        Assert.True(train.Count >= 40, $"{train.Count} training speakers");

        // Every configured validation group exists in the corpus (a typo would silently move nobody).
        Assert.Subset(val, SpeakerSplit.ValidationGroups.ToHashSet());

        // Whole held-out sources: every speaker of them is validation-only, and they exist.
        var heldOutSources = speech.Where(r => SpeakerSplit.ValidationSpeechSources.Contains(r.Category)).Select(SpeakerSplit.Group).ToHashSet();
        Assert.NotEmpty(heldOutSources);
        Assert.Subset(val, heldOutSources);
        Assert.Equal(SpeakerSplit.ValidationGroups.Union(heldOutSources).Count(), val.Count);

        var noise = ManifestEntry.Read(manifest).Where(r => r.Kind == "noise").ToList();
        var valNoise = SpeakerSplit.ValidationNoiseFiles(noise);
        Assert.NotEmpty(valNoise);
        var heldOutNoise = noise.Where(n => SpeakerSplit.ValidationNoiseCategories.Contains(n.Category)).Select(n => n.File).ToList();
        Assert.NotEmpty(heldOutNoise);
        Assert.All(heldOutNoise, f => Assert.Contains(f, valNoise));
        Assert.True(noise.Count(n => !valNoise.Contains(n.File)) > 2 * valNoise.Count);
    }

    [Fact]
    public void Manifest_snapshot_is_the_corpus_manifest_beside_the_repository()
    {
        string? shared = FindSharedManifest();
        if (shared == null)
        {
            Assert.Skip("no ../shared/data/MANIFEST.tsv above the test binary: the in-repository snapshot is checked alone");
        }

        Assert.True(
            File.ReadAllBytes(shared).AsSpan().SequenceEqual(File.ReadAllBytes(SnapshotManifest)),
            $"{shared} differs from the snapshot in tests/Training.Tests/Fixtures/corpus: copy it there again");
    }

    [Fact]
    public void Room_of_strips_position_suffixes()
    {
        Assert.Equal("surrey_roomA_office", Corpus.RoomOf("surrey_roomA_office_az050.wav"));
        Assert.Equal("openair_jack_lyons_concert_hall", Corpus.RoomOf("openair_jack_lyons_concert_hall_lp4.wav"));
        Assert.Equal("openair_jack_lyons_concert_hall", Corpus.RoomOf("openair_jack_lyons_concert_hall_W.wav"));
        Assert.Equal("openair_st_andrews_church", Corpus.RoomOf("openair_st_andrews_church.wav"));
    }
}
