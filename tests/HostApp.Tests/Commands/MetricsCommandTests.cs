using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Metrics;
using RtDenoise.Offline.Metrics.Pesq;
using RtDenoise.Offline.Metrics.Signals;

namespace RtDenoise.HostApp.Tests.Commands;

public sealed class MetricsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtdenoise-metrics-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void JsonIsExactlyOneLineWithTheLibraryValues()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 2, 1);
        float[] noisy = SyntheticSpeech.AddNoise(clean, 0.05, 2);
        string c = Path.Combine(_dir, "clean.wav"), n = Path.Combine(_dir, "noisy.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        SyntheticSpeech.Write(n, 16000, noisy);

        var (exit, stdout, stderr) = CliRunner.Run("metrics", c, n, "--json");
        Assert.True(exit == 0, stderr);
        Assert.Matches(
            new Regex(@"^\{""stoi"":-?\d\.\d{6},""estoi"":-?\d\.\d{6},""sisdr_db"":-?\d+\.\d{2},""pesq_nb"":-?\d\.\d{4},""pesq_wb"":-?\d\.\d{4}\}\n$"),
            stdout);

        SpeechMetricsResult expected = SpeechMetrics.Compute(clean, noisy, 16000, withPesq: true);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.Equal(expected.Stoi, doc.RootElement.GetProperty("stoi").GetDouble(), 1e-6);
        Assert.Equal(expected.Estoi, doc.RootElement.GetProperty("estoi").GetDouble(), 1e-6);
        Assert.Equal(expected.SiSdrDb, doc.RootElement.GetProperty("sisdr_db").GetDouble(), 0.006);
        Assert.InRange(expected.Stoi, 0.3, 0.99);
        Assert.Equal(Pesq.Compute(clean, noisy, 16000, PesqMode.NarrowBand), doc.RootElement.GetProperty("pesq_nb").GetDouble(), 6e-5);
        Assert.Equal(Pesq.Compute(clean, noisy, 16000, PesqMode.WideBand), doc.RootElement.GetProperty("pesq_wb").GetDouble(), 6e-5);
        Assert.InRange(expected.Pesq!.WideBand!.Value, 1.0, 4.5);
    }

    [Fact]
    public void PairsLongerThanPesqsBoundGetTheOtherMetricsAndSayWhyNotPesq()
    {
        int seconds = MetricComparison.PesqMaxSeconds + 1;
        float[] clean = SyntheticSpeech.Speech(8000, seconds, 21);
        float[] noisy = SyntheticSpeech.AddNoise(clean, 0.05, 22);
        string c = Path.Combine(_dir, "long-clean.wav"), n = Path.Combine(_dir, "long-noisy.wav");
        SyntheticSpeech.Write(c, 8000, clean);
        SyntheticSpeech.Write(n, 8000, noisy);

        var (exit, stdout, stderr) = CliRunner.Run("metrics", c, n, "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        SpeechMetricsResult expected = SpeechMetrics.Compute(clean, noisy, 8000);
        Assert.Equal(expected.Stoi, doc.RootElement.GetProperty("stoi").GetDouble(), 1e-6);
        Assert.Equal(expected.Estoi, doc.RootElement.GetProperty("estoi").GetDouble(), 1e-6);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("pesq_nb").ValueKind);
        Assert.Contains(
            $"longer than {MetricComparison.PesqMaxSeconds} s (these are {seconds} s)", doc.RootElement.GetProperty("pesq_skipped").GetString());
        Assert.Contains("note: PESQ is not computed", stderr);

        (exit, stdout, _) = CliRunner.Run("metrics", c, n);
        Assert.Equal(0, exit);
        Assert.Contains("PESQ-NB n/a (longer than PESQ's bound", stdout);
    }

    [Fact]
    public void At8kHzWideBandPesqIsNullAndNarrowBandIsTheLibrarys()
    {
        float[] clean = SyntheticSpeech.Speech(8000, 3, 11);
        float[] noisy = SyntheticSpeech.AddNoise(clean, 0.05, 12);
        string c = Path.Combine(_dir, "c8.wav"), n = Path.Combine(_dir, "n8.wav");
        SyntheticSpeech.Write(c, 8000, clean);
        SyntheticSpeech.Write(n, 8000, noisy);
        var (exit, stdout, stderr) = CliRunner.Run("metrics", c, n, "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("pesq_wb").ValueKind);
        Assert.Equal(Pesq.Compute(clean, noisy, 8000, PesqMode.NarrowBand), doc.RootElement.GetProperty("pesq_nb").GetDouble(), 6e-5);

        (exit, stdout, _) = CliRunner.Run("metrics", c, n);
        Assert.Equal(0, exit);
        Assert.Contains("PESQ-WB n/a (wide-band PESQ is not defined at 8 kHz)", stdout);
    }

    [Fact]
    public void At48kHzPesqIsTakenAfterResamplingTo16kHz()
    {
        // Clean speech at 48 kHz keeps (almost) the identical pair's ceiling through the resampler; the noisy copy
        // scores what its 16 kHz twin scores, within the resampler's effect.
        float[] clean16 = SyntheticSpeech.Speech(16000, 3, 13);
        float[] noisy16 = SyntheticSpeech.AddNoise(clean16, 0.05, 14);
        float[] clean48 = Upsample3(clean16), noisy48 = Upsample3(noisy16);
        string c = Path.Combine(_dir, "c48.wav"), n = Path.Combine(_dir, "n48.wav");
        SyntheticSpeech.Write(c, 48000, clean48);
        SyntheticSpeech.Write(n, 48000, noisy48);
        var (exit, stdout, stderr) = CliRunner.Run("metrics", c, n, "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        PesqScores at16 = PesqScores.Compute(clean16, noisy16, 16000);
        Assert.Equal(at16.WideBand!.Value, doc.RootElement.GetProperty("pesq_wb").GetDouble(), 0.05);
        Assert.Equal(at16.NarrowBand!.Value, doc.RootElement.GetProperty("pesq_nb").GetDouble(), 0.05);
    }

    [Fact]
    public void SignalsPesqCannotScoreAreBadInputNamingTheFiles()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 2, 15);
        string c = Path.Combine(_dir, "c.wav"), silent = Path.Combine(_dir, "silent.wav");
        string shortClean = Path.Combine(_dir, "short-c.wav"), shortNoisy = Path.Combine(_dir, "short-n.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        SyntheticSpeech.Write(silent, 16000, new float[clean.Length]);
        SyntheticSpeech.Write(shortClean, 16000, clean[..2000]);
        SyntheticSpeech.Write(shortNoisy, 16000, SyntheticSpeech.AddNoise(clean[..2000], 0.05, 16));

        var (exit, stdout, stderr) = CliRunner.Run("metrics", silent, c);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("'silent.wav'", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));

        (exit, stdout, stderr) = CliRunner.Run("metrics", shortClean, shortNoisy, "--json");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("PESQ cannot score 'short-n.wav' against 'short-c.wav'", stderr);
        Assert.Contains("short", stderr);
    }

    [Fact]
    public void ReferencePairAt48kHzMatchesPystoi()
    {
        // The 48 kHz row of the pystoi 0.4.1 reference (0.805421 / 0.511634), copied into the repository with its
        // provenance: tests/RealtimeEngine.Tests/Fixtures/stoi/README.md.
        string folder = Path.Combine(CliRunner.RepoRoot(), "tests", "RealtimeEngine.Tests", "Fixtures", "stoi");
        var (exit, stdout, stderr) = CliRunner.Run(
            "metrics", Path.Combine(folder, "c0_clean_48k.wav"), Path.Combine(folder, "c0_white0dB_48k.wav"), "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.Equal(0.805421, doc.RootElement.GetProperty("stoi").GetDouble(), 0.002);
        Assert.Equal(0.511634, doc.RootElement.GetProperty("estoi").GetDouble(), 0.002);
    }

    [Fact]
    public void IdenticalFilesGivePerfectScoresInText()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 2, 3);
        string c = Path.Combine(_dir, "a.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        var (exit, stdout, _) = CliRunner.Run("metrics", c, c);
        Assert.Equal(0, exit);
        Assert.Contains("STOI    1.000000", stdout);
        Assert.Contains("ESTOI   1.000000", stdout);
        Assert.Contains("SI-SDR  100.00 dB", stdout);
        Assert.Matches(new Regex(@"PESQ-NB 4\.5\d{3}\n"), stdout);
        Assert.Matches(new Regex(@"PESQ-WB 4\.6\d{3}\n?$"), stdout);
    }

    [Fact]
    public void StereoIsScoredOnTheMeanOfItsChannels()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 2, 4);
        float[] left = SyntheticSpeech.AddNoise(clean, 0.05, 5);
        float[] right = SyntheticSpeech.AddNoise(clean, 0.05, 6);
        string c = Path.Combine(_dir, "c.wav"), s = Path.Combine(_dir, "s.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        SyntheticSpeech.Write(s, 16000, left, right);
        var (exit, stdout, stderr) = CliRunner.Run("metrics", c, s, "--json");
        Assert.True(exit == 0, stderr);
        SpeechMetricsResult expected = SpeechMetrics.Compute(clean, MetricAudio.MixDown([left, right]), 16000);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.Equal(expected.Stoi, doc.RootElement.GetProperty("stoi").GetDouble(), 1e-6);
    }

    [Fact]
    public void DifferentLengthsFailNamingBothUnlessTrimmed()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 2, 7);
        string c = Path.Combine(_dir, "long.wav"), s = Path.Combine(_dir, "short.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        SyntheticSpeech.Write(s, 16000, clean[..30000]);

        var (exit, stdout, stderr) = CliRunner.Run("metrics", c, s);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("'long.wav' has 32000 samples", stderr);
        Assert.Contains("'short.wav' has 30000", stderr);
        Assert.DoesNotContain("   at ", stderr);

        (exit, stdout, stderr) = CliRunner.Run("metrics", c, s, "--trim", "--json");
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("{\"stoi\":1.000000,", stdout);
    }

    [Fact]
    public void NonFiniteSampleFailsNamingFileAndFrame()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 2, 8);
        float[] bad = (float[])clean.Clone();
        bad[12345] = float.NaN;
        string c = Path.Combine(_dir, "c.wav"), b = Path.Combine(_dir, "nan.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        WavWriter.WriteAll(b, [bad], 16000, SampleEncoding.Float32);
        var (exit, _, stderr) = CliRunner.Run("metrics", c, b);
        Assert.Equal(2, exit);
        Assert.Contains("'nan.wav' has a non-finite sample", stderr);
        Assert.Contains("frame 12345", stderr);
    }

    [Fact]
    public void MissingFileAndRateMismatchAreBadInput()
    {
        float[] clean = SyntheticSpeech.Speech(16000, 1, 9);
        string c = Path.Combine(_dir, "c.wav"), o = Path.Combine(_dir, "other-rate.wav");
        SyntheticSpeech.Write(c, 16000, clean);
        SyntheticSpeech.Write(o, 8000, clean);
        var (exit, _, stderr) = CliRunner.Run("metrics", c, Path.Combine(_dir, "missing.wav"));
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", stderr);
        (exit, _, stderr) = CliRunner.Run("metrics", c, o);
        Assert.Equal(2, exit);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"is 8000 Hz"), stderr);
    }

    /// <summary>×3 upsampling by the metrics' own resampler (what a 48 kHz recording of the same sound holds).</summary>
    private static float[] Upsample3(float[] x) =>
        [.. MetricResampler.Resample([.. x.Select(v => (double)v)], 16000, 48000).Select(v => (float)v)];
}
