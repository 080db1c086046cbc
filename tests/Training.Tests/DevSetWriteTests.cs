using System.Runtime.Versioning;
using RtDenoise.Training.Data;

namespace RtDenoise.Training.Tests;

/// <summary><c>make-devset</c>'s writer: the files read back, and rewriting a set keeps the modes of the files it replaces.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DevSetWriteTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-devset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_rewritten_set_reads_back_and_keeps_the_modes_it_replaces()
    {
        var mixtures = DevSet.Generate(TinyCorpus.Make(2, 2), 2);
        DevSet.Write(_dir, mixtures);
        string wav = Path.Combine(_dir, "noisy", "001.wav"), meta = Path.Combine(_dir, "meta.tsv");
        File.SetUnixFileMode(wav, Private);
        File.SetUnixFileMode(meta, Private);

        DevSet.Write(_dir, mixtures);

        Assert.Equal(Private, File.GetUnixFileMode(wav));
        Assert.Equal(Private, File.GetUnixFileMode(meta));
        float[] back = WavFile.ReadMono(wav, Corpus.SampleRate);
        Assert.Equal(mixtures[1].Noisy.Length, back.Length);
        Assert.Equal(Math.Clamp(mixtures[1].Noisy[100], -1f, 1f), back[100], 1e-4f);
        Assert.Equal(3, File.ReadAllLines(meta).Length);
        Assert.Empty(Directory.GetFiles(_dir, ".*", SearchOption.AllDirectories));
    }
}
