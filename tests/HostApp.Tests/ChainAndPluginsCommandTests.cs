using System.Text.Json;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests;

/// <summary>`rtdenoise denoise --chain …` and `rtdenoise plugins`, end to end (out of process).</summary>
public sealed class ChainAndPluginsCommandTests
{
    [Fact]
    public void Chain_output_is_latency_compensated_and_matches_the_stages_applied_in_order()
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        // Band-limited (the 48 → 16 → 48 kHz round trip of bypass keeps only what lies below ~7.5 kHz).
        float[] x = [.. Enumerable.Range(0, 48000).Select(i => (0.3f * MathF.Sin(2 * MathF.PI * 1000 * i / 48000)) + (0.1f * MathF.Sin(2 * MathF.PI * 3100 * i / 48000)))];
        WavWriter.WriteAll(input, [x], 48000);

        // bypass (STFT round trip, 908 samples of latency at 48 kHz) then -6 dB: output sample i = input sample i × ½.
        CliRunner.Result r = CliRunner.Run("denoise", input, dir.File("out.wav"), "--chain", "bypass, gain:-6.0206", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using JsonDocument json = JsonDocument.Parse(r.StdOut);
        Assert.Equal("bypass,gain", json.RootElement.GetProperty("processor").GetString());
        Assert.True(json.RootElement.GetProperty("latency_ms").GetDouble() > 15);
        float[] y = WavReader.ReadAllChannels(dir.File("out.wav"), out _)[0];
        Assert.Equal(x.Length, y.Length);
        for (int i = 2000; i < x.Length - 2000; i++)
        {
            Assert.True(MathF.Abs((x[i] * 0.5f) - y[i]) < 2e-3f, $"sample {i}: {y[i]} vs {x[i] * 0.5f}");
        }
    }

    [Theory]
    [InlineData("highpass:80,,classic", "element 2")]
    [InlineData("highpass:80,wiener", "wiener")]
    [InlineData("gain:loud", "gain:loud")]
    [InlineData("ladspa:no_such_plugin.so:x", "no_such_plugin.so")]
    public void Bad_chain_is_exit_2_naming_the_token_and_leaves_no_output(string chain, string expected)
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        WavWriter.WriteAll(input, [new float[1600]], 16000);
        CliRunner.Result r = CliRunner.Run("denoise", input, dir.File("out.wav"), "--chain", chain);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(["in.wav"], dir.Entries());
    }

    [Fact]
    public void Chain_and_processor_together_are_rejected()
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        WavWriter.WriteAll(input, [new float[1600]], 16000);
        CliRunner.Result r = CliRunner.Run("denoise", input, dir.File("out.wav"), "--chain", "classic", "--processor", "classic");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--chain", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_dependent_chain_error_is_exit_2_without_output()
    {
        using var dir = new TempDir();
        string input = dir.File("in.wav");
        WavWriter.WriteAll(input, [new float[1600]], 16000);
        CliRunner.Result r = CliRunner.Run("denoise", input, dir.File("out.wav"), "--chain", "highpass:9000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Nyquist", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(["in.wav"], dir.Entries());
    }

    [Fact]
    public void Plugins_lists_a_directory_as_json()
    {
        const string dirPath = "/usr/lib/ladspa";
        if (!File.Exists(Path.Combine(dirPath, "lowpass_iir_1891.so")))
        {
            Assert.Skip("swh-plugins is not installed (apt-get install swh-plugins)");
        }

        CliRunner.Result r = CliRunner.Run(new Dictionary<string, string> { ["LADSPA_PATH"] = "/nonexistent" }, "plugins", "--path", dirPath, "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using JsonDocument json = JsonDocument.Parse(r.StdOut);
        Assert.Equal([dirPath], json.RootElement.GetProperty("search_path").EnumerateArray().Select(e => e.GetString()));
        JsonElement lp = json.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("label").GetString() == "lowpass_iir");
        Assert.Equal(1891, lp.GetProperty("unique_id").GetInt32());
        JsonElement cutoff = lp.GetProperty("ports")[0];
        Assert.Equal("Cutoff Frequency", cutoff.GetProperty("name").GetString());
        Assert.True(cutoff.GetProperty("bounds_times_sample_rate").GetBoolean());
        Assert.Equal(0.45, cutoff.GetProperty("upper").GetDouble(), 5);
    }

    [Fact]
    public void Plugins_honours_LADSPA_PATH_and_says_when_nothing_is_there()
    {
        using var dir = new TempDir();
        CliRunner.Result r = CliRunner.Run(new Dictionary<string, string> { ["LADSPA_PATH"] = dir.Path }, "plugins");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no LADSPA plugins in ", r.StdErr, StringComparison.Ordinal);
        Assert.Contains($":{dir.Path}:", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("plugins", "--path", dir.File("missing")).ExitCode);
    }

    [Fact]
    public void Plugins_lists_the_per_user_folder_install_sh_uses_without_LADSPA_PATH()
    {
        const string amp = "/usr/lib/ladspa/amp_1181.so";
        if (!File.Exists(amp))
        {
            Assert.Skip($"needs a LADSPA library to copy ({amp}: apt-get install swh-plugins)");
        }

        using var home = new TempDir();
        using var empty = new TempDir();
        string userDir = Directory.CreateDirectory(Path.Combine(home.Path, ".local", "lib", "ladspa")).FullName;
        File.Copy(amp, Path.Combine(userDir, "my_amp.so"));
        var env = new Dictionary<string, string> { ["HOME"] = home.Path, ["LADSPA_PATH"] = empty.Path };

        CliRunner.Result r = CliRunner.Run(env, "plugins");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("my_amp.so", r.StdOut, StringComparison.Ordinal);

        // A chain names it by its bare file name, found on the same path.
        string input = Path.Combine(home.Path, "in.wav"), output = Path.Combine(home.Path, "out.wav");
        Commands.SyntheticSpeech.Write(input, 16000, Commands.SyntheticSpeech.Speech(16000, 1, 3));
        r = CliRunner.Run(env, "denoise", input, output, "--chain", "ladspa:my_amp.so:amp?Amps gain (dB)=0", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
    }
}
