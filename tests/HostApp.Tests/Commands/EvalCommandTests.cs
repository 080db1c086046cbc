using System.Text.Json;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>`rtdenoise eval` on a small generated set: 3 mono pairs, 1 stereo pair, 1 corrupt file, 1 orphan, 1 at an unsupported rate.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtdenoise-eval-test-").FullName;
    private readonly string _clean;
    private readonly string _noisy;

    public EvalCommandTests()
    {
        _clean = Directory.CreateDirectory(Path.Combine(_dir, "clean")).FullName;
        _noisy = Directory.CreateDirectory(Path.Combine(_dir, "noisy")).FullName;
        for (int i = 0; i < 3; i++)
        {
            float[] speech = SyntheticSpeech.Speech(16000, 3, 10 + i);
            SyntheticSpeech.Write(Path.Combine(_clean, $"m{i}.wav"), 16000, speech);
            SyntheticSpeech.Write(Path.Combine(_noisy, $"m{i}.wav"), 16000, SyntheticSpeech.AddNoise(speech, 0.03 * (i + 1), 20 + i));
        }

        float[] s = SyntheticSpeech.Speech(48000, 2, 30);
        SyntheticSpeech.Write(Path.Combine(_clean, "stereo.wav"), 48000, s);
        SyntheticSpeech.Write(Path.Combine(_noisy, "stereo.wav"), 48000, SyntheticSpeech.AddNoise(s, 0.05, 31), SyntheticSpeech.AddNoise(s, 0.05, 32));

        SyntheticSpeech.Write(Path.Combine(_clean, "corrupt.wav"), 16000, SyntheticSpeech.Speech(16000, 1, 40));
        File.WriteAllText(Path.Combine(_noisy, "corrupt.wav"), "this is not a RIFF file");
        SyntheticSpeech.Write(Path.Combine(_noisy, "orphan.wav"), 16000, SyntheticSpeech.Speech(16000, 1, 41));

        // 2 kHz: readable and scorable, but below the denoiser's supported rates.
        float[] low = SyntheticSpeech.Speech(2000, 1, 42);
        SyntheticSpeech.Write(Path.Combine(_clean, "lowrate.wav"), 2000, low);
        SyntheticSpeech.Write(Path.Combine(_noisy, "lowrate.wav"), 2000, low);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void JsonSummarisesTheReadableFilesAndCountsTheRest()
    {
        string outDir = Path.Combine(_dir, "out");
        var (exit, stdout, stderr) = CliRunner.Run(
            "eval", "--clean", _clean, "--noisy", _noisy, "--processor", "bypass", "--out", outDir, "--json");
        Assert.True(exit == 1, $"a run that skipped files must exit 1 (got {exit}); stderr: {stderr}");

        string last = stdout.TrimEnd('\n').Split('\n')[^1];
        using JsonDocument doc = JsonDocument.Parse(last);
        JsonElement root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("files").GetInt32());
        Assert.Equal(3, root.GetProperty("failed").GetInt32());
        Assert.Contains("skipped lowrate.wav", stderr);
        Assert.Contains("skipped corrupt.wav", stderr);
        Assert.Contains("skipped orphan.wav: no matching clean file", stderr);

        // The noisy means are the means of `rtdenoise metrics` over the same pairs (rounded output: 1e-6 / 0.01 dB).
        double stoi = 0, sisdr = 0, pesqNb = 0, pesqWb = 0;
        foreach (string name in new[] { "m0", "m1", "m2", "stereo" })
        {
            var m = CliRunner.Run("metrics", Path.Combine(_clean, $"{name}.wav"), Path.Combine(_noisy, $"{name}.wav"), "--json");
            Assert.True(m.ExitCode == 0, m.StdErr);
            using JsonDocument one = JsonDocument.Parse(m.StdOut);
            stoi += one.RootElement.GetProperty("stoi").GetDouble() / 4;
            sisdr += one.RootElement.GetProperty("sisdr_db").GetDouble() / 4;
            pesqNb += one.RootElement.GetProperty("pesq_nb").GetDouble() / 4;
            pesqWb += one.RootElement.GetProperty("pesq_wb").GetDouble() / 4;
        }

        JsonElement noisy = root.GetProperty("noisy");
        Assert.Equal(stoi, noisy.GetProperty("stoi").GetDouble(), 2e-6);
        Assert.Equal(sisdr, noisy.GetProperty("sisdr_db").GetDouble(), 0.01);
        Assert.Equal(pesqNb, noisy.GetProperty("pesq_nb").GetDouble(), 2e-4);
        Assert.Equal(pesqWb, noisy.GetProperty("pesq_wb").GetDouble(), 2e-4);

        // bypass is the STFT round trip with the latency compensated: the output is the input again.
        JsonElement processed = root.GetProperty("processed");
        Assert.Equal(noisy.GetProperty("stoi").GetDouble(), processed.GetProperty("stoi").GetDouble(), 0.01);
        Assert.Equal(noisy.GetProperty("estoi").GetDouble(), processed.GetProperty("estoi").GetDouble(), 0.01);
        Assert.Equal(noisy.GetProperty("pesq_wb").GetDouble(), processed.GetProperty("pesq_wb").GetDouble(), 0.02);
        JsonElement delta = root.GetProperty("delta");
        Assert.Equal(
            processed.GetProperty("pesq_nb").GetDouble() - noisy.GetProperty("pesq_nb").GetDouble(),
            delta.GetProperty("pesq_nb").GetDouble(),
            2e-4);
        Assert.InRange(root.GetProperty("rtf").GetDouble(), 1e-6, 1.0);

        // --out holds one same-length output per evaluated file, nothing for the failures.
        Assert.Equal(
            new[] { "m0.wav", "m1.wav", "m2.wav", "stereo.wav" },
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        using (WavReader r = WavReader.Open(Path.Combine(outDir, "stereo.wav")))
        {
            Assert.Equal(2, r.Channels);
            Assert.Equal(96000, r.FrameCount);
        }
    }

    [Fact]
    public void ClassicProcessorImprovesSiSdrAndPrintsATable()
    {
        var (exit, stdout, stderr) = CliRunner.Run("eval", "--clean", _clean, "--noisy", _noisy, "--processor", "classic", "--jobs", "1");
        Assert.True(exit == 1, $"a run that skipped files must exit 1 (got {exit}); stderr: {stderr}");
        Assert.DoesNotContain("null", stdout, StringComparison.Ordinal);
        Assert.Contains("STOI", stdout);
        Assert.Contains("SI-SDR (dB)", stdout);
        Assert.Contains("PESQ NB (MOS-LQO)", stdout);
        Assert.Contains("PESQ WB (MOS-LQO)", stdout);
        Assert.Contains("4 files evaluated, 3 skipped", stdout);

        var json = CliRunner.Run("eval", "--clean", _clean, "--noisy", _noisy, "--processor", "classic", "--json");
        using JsonDocument doc = JsonDocument.Parse(json.StdOut.TrimEnd('\n').Split('\n')[^1]);
        double before = doc.RootElement.GetProperty("noisy").GetProperty("sisdr_db").GetDouble();
        double after = doc.RootElement.GetProperty("processed").GetProperty("sisdr_db").GetDouble();
        Assert.True(after > before, $"classic denoising should raise SI-SDR on white noise: {before} -> {after}");
    }

    [Fact]
    public void MissingFolderIsBadInput()
    {
        var (exit, _, stderr) = CliRunner.Run("eval", "--clean", Path.Combine(_dir, "nope"), "--noisy", _noisy, "--processor", "classic");
        Assert.Equal(2, exit);
        Assert.Contains("--clean", stderr);
    }
}
