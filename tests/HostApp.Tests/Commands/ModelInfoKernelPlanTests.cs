using System.Text.Json;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>
/// <c>rtdenoise model-info</c> prints the kernel plan of the shipped model on this CPU: per quantized
/// layer the chosen path and the timed paths; <c>RTDENOISE_KERNEL</c> forces it; an invalid value is a warning.
/// Timings are not asserted (machine load).
/// </summary>
public sealed class ModelInfoKernelPlanTests
{
    private static string Model => Path.Combine(CliRunner.RepoRoot(), "models", "denoiser.rtm");

    [Fact]
    public void Json_has_one_measured_plan_entry_per_quantized_layer()
    {
        var (exit, stdout, stderr) = CliRunner.Run("model-info", Model, "--json");
        Assert.True(exit == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement[] plan = [.. doc.RootElement.GetProperty("kernel_plan").EnumerateArray()];
        Assert.Equal([0, 1, 2], plan.Select(p => p.GetProperty("layer").GetInt32()));
        foreach (JsonElement p in plan)
        {
            Assert.Equal("measured", p.GetProperty("source").GetString());
            string chosen = p.GetProperty("path").GetString()!;
            double[] ns = [.. p.GetProperty("ns").EnumerateObject().Select(t => t.Value.GetDouble())];
            Assert.Contains("scalar", p.GetProperty("ns").EnumerateObject().Select(t => t.Name));
            Assert.Equal(ns.Min(), p.GetProperty("ns").GetProperty(chosen).GetDouble());
        }
    }

    [Fact]
    public void A_forced_path_is_shown_and_a_bogus_one_is_a_warning()
    {
        var forced = CliRunner.Run(new Dictionary<string, string> { ["RTDENOISE_KERNEL"] = "scalar" }, "model-info", Model);
        Assert.True(forced.ExitCode == 0, forced.StdErr);
        Assert.Equal(3, forced.StdOut.Split('\n').Count(l => l.Contains("scalar (forced by RTDENOISE_KERNEL)", StringComparison.Ordinal)));

        var bogus = CliRunner.Run(new Dictionary<string, string> { ["RTDENOISE_KERNEL"] = "bogus" }, "model-info", Model);
        Assert.True(bogus.ExitCode == 0, bogus.StdErr);
        Assert.Contains("warning: RTDENOISE_KERNEL=bogus is not one of", bogus.StdOut, StringComparison.Ordinal);
        Assert.Contains("(measured: ", bogus.StdOut, StringComparison.Ordinal);
    }
}
