using System.Text.Json;
using NAudio.Wave;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests;

public sealed class DenoiseCommandTests
{
    public static TheoryData<int, SampleEncoding, int> Formats => new()
    {
        { 8000, SampleEncoding.Pcm16, 1 },
        { 16000, SampleEncoding.Pcm16, 1 },
        { 16000, SampleEncoding.Float32, 2 },
        { 44100, SampleEncoding.Pcm16, 2 },
        { 44100, SampleEncoding.Float32, 1 },
        { 48000, SampleEncoding.Float32, 2 },
        { 48000, SampleEncoding.Pcm24, 1 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Bypass_preserves_format_and_length_and_aligns_output_with_input(int rate, SampleEncoding encoding, int channels)
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav"), output = dir.File("out.wav");
        int frames = (rate * 3 / 2) + 17; // 1.5 s plus an odd tail
        float[][] x = Enumerable.Range(0, channels).Select(c => Tones(rate, frames, 220 * (c + 1), 900 + (300 * c))).ToArray();
        WavWriter.WriteAll(input, x, rate, encoding);

        CliRunner.Result r = CliRunner.Run("denoise", input, output, "--processor", "bypass", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using (var reader = new WaveFileReader(output))
        using (var original = new WaveFileReader(input))
        {
            Assert.Equal(original.WaveFormat.SampleRate, reader.WaveFormat.SampleRate);
            Assert.Equal(original.WaveFormat.Channels, reader.WaveFormat.Channels);
            Assert.Equal(original.WaveFormat.BitsPerSample, reader.WaveFormat.BitsPerSample);
            Assert.Equal(original.WaveFormat.Encoding, reader.WaveFormat.Encoding);
            Assert.Equal(original.Length, reader.Length);
        }

        float[][] y = WavReader.ReadAllChannels(output, out int outRate);
        Assert.Equal(rate, outRate);
        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(frames, y[c].Length);
            Assert.Equal(0, BestLag(x[c], y[c], maxLag: 8));
            double err = MaxError(x[c], y[c], from: rate / 5, to: frames - (rate / 5));
            Assert.True(err < 0.005, $"channel {c}: max error {err:F4} after latency compensation");
        }

        using JsonDocument doc = JsonDocument.Parse(r.StdOut.Trim());
        Assert.Equal(1.5, doc.RootElement.GetProperty("input_seconds").GetDouble(), 2);
        Assert.True(doc.RootElement.GetProperty("latency_ms").GetDouble() > 15);
        Assert.True(doc.RootElement.GetProperty("rtf").GetDouble() > 0);
    }

    [Fact]
    public void Classic_denoises_the_bundled_sample_deterministically()
    {
        using var dir = new TempDir();
        string sample = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");
        CliRunner.Result a = CliRunner.Run("denoise", sample, dir.File("a.wav"), "--processor", "classic");
        CliRunner.Result b = CliRunner.Run("denoise", sample, dir.File("b.wav"), "--processor", "classic");
        Assert.True(a.ExitCode == 0, a.StdErr);
        Assert.True(b.ExitCode == 0, b.StdErr);
        Assert.Equal(File.ReadAllBytes(dir.File("a.wav")), File.ReadAllBytes(dir.File("b.wav")));
        Assert.NotEqual(File.ReadAllBytes(sample), File.ReadAllBytes(dir.File("a.wav")));
    }

    [Fact]
    public void Missing_input_is_exit_2_naming_the_file()
    {
        using var dir = new TempDir();
        AssertBadInput(dir, CliRunner.Run("denoise", dir.File("nope.wav"), dir.File("out.wav")), "nope.wav", "does not exist");
    }

    [Fact]
    public void Not_a_wav_is_exit_2()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("text.wav"), "this is not audio at all, just some text that is long enough");
        AssertBadInput(dir, CliRunner.Run("denoise", dir.File("text.wav"), dir.File("out.wav")), "text.wav", "not a readable WAV", keep: "text.wav");
    }

    [Fact]
    public void Unsupported_encoding_is_exit_2()
    {
        using var dir = new TempDir();
        string path = dir.File("alaw.wav");
        using (var w = new WaveFileWriter(path, WaveFormat.CreateALawFormat(8000, 1)))
        {
            w.Write(new byte[800], 0, 800);
        }

        AssertBadInput(dir, CliRunner.Run("denoise", path, dir.File("out.wav")), "alaw.wav", "unsupported encoding", keep: "alaw.wav");
    }

    [Fact]
    public void Truncated_data_is_exit_2()
    {
        using var dir = new TempDir();
        string path = dir.File("cut.wav");
        WavWriter.WriteAll(path, [Tones(16000, 16000, 300, 1000)], 16000, SampleEncoding.Pcm16);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        AssertBadInput(dir, CliRunner.Run("denoise", path, dir.File("out.wav")), "cut.wav", "truncated", keep: "cut.wav");
    }

    [Fact]
    public void Zero_length_audio_is_exit_2()
    {
        using var dir = new TempDir();
        string path = dir.File("empty.wav");
        using (new WaveFileWriter(path, new WaveFormat(16000, 16, 1)))
        {
        }

        AssertBadInput(dir, CliRunner.Run("denoise", path, dir.File("out.wav")), "empty.wav", "no audio", keep: "empty.wav");
    }

    [Fact]
    public void Unwritable_output_is_exit_2()
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        WavWriter.WriteAll(input, [Tones(16000, 8000, 300, 1000)], 16000);
        CliRunner.Result r = CliRunner.Run("denoise", input, Path.Combine(dir.Path, "missing-folder", "out.wav"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing-folder", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);

        Directory.CreateDirectory(dir.File("a-directory"));
        r = CliRunner.Run("denoise", input, dir.File("a-directory"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("a-directory", r.StdErr);
        Assert.Equal(["a-directory", "in.wav"], dir.Entries().Order().ToArray());
    }

    [Fact]
    public void Input_equal_to_output_is_refused_and_the_input_is_untouched()
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        WavWriter.WriteAll(input, [Tones(16000, 8000, 300, 1000)], 16000);
        byte[] before = File.ReadAllBytes(input);
        CliRunner.Result r = CliRunner.Run("denoise", input, input);
        AssertBadInput(dir, r, "in.wav", "input", keep: "in.wav");
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Unknown_processor_and_missing_model_are_exit_2()
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        WavWriter.WriteAll(input, [Tones(16000, 8000, 300, 1000)], 16000);
        AssertBadInput(dir, CliRunner.Run("denoise", input, dir.File("out.wav"), "--processor", "magic"), "magic", "unknown", keep: "in.wav");
        AssertBadInput(dir, CliRunner.Run("denoise", input, dir.File("out.wav"), "--model", dir.File("none.rtm")), "none.rtm", "does not exist", keep: "in.wav");
    }

    [Fact]
    public void Existing_output_is_replaced_only_on_success()
    {
        using var dir = new TempDir();
        string output = dir.File("out.wav");
        File.WriteAllText(output, "previous result");
        File.WriteAllText(dir.File("bad.wav"), "garbage garbage garbage garbage garbage garbage");
        CliRunner.Result r = CliRunner.Run("denoise", dir.File("bad.wav"), output);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("previous result", File.ReadAllText(output));
    }

    private static void AssertBadInput(TempDir dir, CliRunner.Result r, string mustName, string reason, string? keep = null)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}; stderr: {r.StdErr}");
        Assert.Contains(mustName, r.StdErr);
        Assert.Contains(reason, r.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.StdErr); // no stack trace
        string[] expected = keep is null ? [] : [keep];
        Assert.Equal(expected, dir.Entries());
    }

    private static float[] Tones(int rate, int frames, double f1, double f2)
    {
        var x = new float[frames];
        for (int i = 0; i < frames; i++)
        {
            x[i] = (float)((0.3 * Math.Sin(2 * Math.PI * f1 * i / rate)) + (0.2 * Math.Sin(2 * Math.PI * f2 * i / rate)));
        }

        return x;
    }

    private static int BestLag(float[] x, float[] y, int maxLag)
    {
        int best = 0;
        double bestCorr = double.NegativeInfinity;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double c = 0;
            for (int i = maxLag; i < x.Length - maxLag; i++)
            {
                c += x[i] * y[i + lag];
            }

            if (c > bestCorr)
            {
                bestCorr = c;
                best = lag;
            }
        }

        return best;
    }

    private static double MaxError(float[] x, float[] y, int from, int to)
    {
        double m = 0;
        for (int i = from; i < to; i++)
        {
            m = Math.Max(m, Math.Abs(x[i] - y[i]));
        }

        return m;
    }
}
