using System.Text.Json;
using RtDenoise.HostApp.Commands;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>`denoise --json` is valid JSON whatever the processor label holds (a LADSPA label with a quote broke it),
/// and batch mode reports the guard's counts as single-file mode does.</summary>
public sealed class DenoiseJsonTests
{
    [Theory]
    [InlineData("ladspa:x.so:say\"hi\"")]
    [InlineData("back\\slash\nnew line\u0001")]
    public void A_processor_label_with_quotes_or_controls_stays_valid_json(string label)
    {
        var result = new OfflineDenoiseResult(1.5, 0.1, 16000, 1, 24000, 15.94, label) { SanitisedSamples = 3, StateResets = 1 };
        using JsonDocument doc = JsonDocument.Parse(DenoiseJson.Summary(result));
        Assert.Equal(label, doc.RootElement.GetProperty("processor").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("sanitised_samples").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("state_resets").GetInt64());
        Assert.Equal(1.5, doc.RootElement.GetProperty("input_seconds").GetDouble());
    }

    [Fact]
    public void Batch_mode_reports_sanitised_samples_in_json_and_text()
    {
        using var dir = new TempDir();
        var x = new float[16000];
        x[100] = float.NaN;
        x[200] = 1e30f;
        Directory.CreateDirectory(dir.File("in"));
        WavWriter.WriteAll(dir.File("in/a.wav"), [x], 16000, SampleEncoding.Float32);
        WavWriter.WriteAll(dir.File("in/b.wav"), [x], 16000, SampleEncoding.Float32);
        CliRunner.Result json = CliRunner.Run("denoise", dir.File("in"), "--out-dir", dir.File("out"), "--chain", "gain:0", "--json");
        Assert.True(json.ExitCode == 0, json.StdErr);
        using JsonDocument doc = JsonDocument.Parse(json.StdOut.Trim().Split('\n')[^1]);
        Assert.Equal(4, doc.RootElement.GetProperty("sanitised_samples").GetInt64());
        Assert.True(doc.RootElement.TryGetProperty("state_resets", out _));

        CliRunner.Result text = CliRunner.Run("denoise", dir.File("in"), "--out-dir", dir.File("out2"), "--chain", "gain:0");
        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains("4 non-finite or out-of-range input samples zeroed/clipped", text.StdOut, StringComparison.Ordinal);
    }
}
