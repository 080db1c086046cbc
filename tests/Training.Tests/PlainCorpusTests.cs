using RtDenoise.Training.Data;

namespace RtDenoise.Training.Tests;

/// <summary>A plain corpus (speech/ and noise/ folders of WAV files, no manifest): groups from the first-level
/// subfolders, other rates and channel counts brought to 16 kHz mono, and every failure one message naming the path.</summary>
public sealed class PlainCorpusTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-plain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Subfolders_are_speakers_and_noise_categories_and_loose_files_stand_alone()
    {
        Tone("speech/alice/1.wav", 16000, 16000);
        Tone("speech/alice/2.wav", 16000, 8000);
        Tone("speech/bob.wav", 16000, 16000);
        Tone("noise/street/a.wav", 16000, 16000);
        Tone("noise/hum.wav", 16000, 16000);

        CorpusPart part = PlainCorpus.Load(_dir);

        Assert.Equal(["alice", "bob"], part.Speakers.Select(s => s.Group));
        Assert.Equal(2, part.Speakers[0].Clips.Count);
        Assert.Equal(["noise/hum.wav", "noise/street/a.wav"], part.Noise.Select(n => n.File));
        Assert.Equal(["noise", "street"], part.Noise.Select(n => n.Category));
        Assert.Empty(part.Rirs);
    }

    [Fact]
    public void A_48_kHz_file_is_resampled_to_16_kHz()
    {
        Tone("speech/s/a.wav", 48000, 48000); // one second at 48 kHz
        Tone("noise/n.wav", 16000, 16000);
        float[] clip = PlainCorpus.Load(_dir).Speakers.Single().Clips.Single();
        Assert.InRange(clip.Length, 15999, 16001);
    }

    [Fact]
    public void A_linked_folder_loop_is_walked_once()
    {
        Tone("speech/s/a.wav", 16000, 16000);
        Tone("noise/n.wav", 16000, 16000);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "speech", "s", "again"), Path.Combine(_dir, "speech"));
        Assert.Single(PlainCorpus.Load(_dir).Speakers.Single().Clips);
    }

    [Theory]
    [InlineData("speech", "speech: no .wav files")]
    [InlineData("noise", "noise: no .wav files")]
    public void An_empty_side_names_the_folder(string empty, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_dir, empty));
        Tone(empty == "speech" ? "noise/n.wav" : "speech/s.wav", 16000, 16000);
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => PlainCorpus.Load(_dir));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_wav_names_the_file()
    {
        Tone("noise/n.wav", 16000, 16000);
        Directory.CreateDirectory(Path.Combine(_dir, "speech"));
        File.WriteAllText(Path.Combine(_dir, "speech", "x.wav"), "not audio");
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => PlainCorpus.Load(_dir));
        Assert.Contains("x.wav", ex.Message, StringComparison.Ordinal);
    }

    private void Tone(string relative, int rate, int samples)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var x = new float[samples];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 0.25f * MathF.Sin(2 * MathF.PI * 440 * i / rate);
        }

        WavFile.WritePcm16(path, x, rate);
    }
}
