using System.Text.Json;

namespace RtDenoise.LatencyBench.Tests;

/// <summary>
/// <c>kernels --model-only</c>: the forward-pass lines are the shipped model's (its real layer shapes and formats,
/// one line per supported path plus the fp32 reference), and a missing model is exit 2 with a message.
/// Timing figures are not asserted (machine load); they are recorded in latency-bench/results/kernels.md.
/// </summary>
public sealed class KernelsCommandTests
{
    [Fact]
    public void Model_lines_describe_the_shipped_network_per_path()
    {
        (int code, string stdout, string stderr) = LatencyBenchProcess.Run("kernels", "--quick", "--json", "--model-only");
        Assert.True(code == 0, stderr);
        JsonElement[] all = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        JsonElement[] plan = all.Where(j => j.GetProperty("format").GetString() == "plan").ToArray();
        Assert.Equal([0, 1, 2], plan.Select(j => j.GetProperty("layer").GetInt32()));
        Assert.All(plan, j => Assert.True(j.GetProperty("ns").TryGetProperty(j.GetProperty("path").GetString()!, out _) || j.GetProperty("source").GetString() != "measured"));
        JsonElement[] lines = all.Where(j => j.GetProperty("format").GetString() != "plan").ToArray();
        Assert.All(lines, j => Assert.Equal("model", j.GetProperty("format").GetString()));
        Assert.All(lines, j => Assert.Equal("645-288-288-129", j.GetProperty("layers").GetString()));
        Assert.All(lines, j => Assert.Equal((645 * 288) + (288 * 288) + (288 * 129), j.GetProperty("macs").GetInt64()));
        Assert.All(lines, j => Assert.True(j.GetProperty("ns").GetDouble() > 0));

        JsonElement fp32 = Assert.Single(lines, j => j.GetProperty("path").GetString() == "tensorprimitives-dot");
        Assert.Equal("denoiser-fp32.rtm", fp32.GetProperty("model").GetString());
        Assert.Equal(1.0, fp32.GetProperty("speedup_vs_fp32_tensorprimitives").GetDouble());

        JsonElement[] packed = lines.Where(j => j.GetProperty("model").GetString() == "denoiser.rtm").ToArray();
        Assert.Contains(packed, j => j.GetProperty("path").GetString() == "scalar");
        Assert.Contains(packed, j => j.GetProperty("path").GetString() == "planned");
        Assert.Equal(lines.Length - 1, packed.Length);
        Assert.All(packed, j => Assert.Equal("vbs3,vbs3,vbs2", j.GetProperty("weights").GetString())); // the shipped model's layer formats
        Assert.Equal(packed.Length, packed.Select(j => j.GetProperty("path").GetString()).Distinct().Count());
    }

    [Fact]
    public void Missing_or_unsuitable_model_is_exit_2_with_a_message()
    {
        (int code, _, string stderr) = LatencyBenchProcess.Run("kernels", "--quick", "--model-only", "--model", "/nonexistent/m.rtm");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/m.rtm", stderr);
        Assert.Contains("does not exist", stderr);
        Assert.DoesNotContain("   at ", stderr);

        string packed = Path.Combine(Repo.Root(), "models", "denoiser.rtm");
        (code, _, stderr) = LatencyBenchProcess.Run("kernels", "--quick", "--model-only", "--fp32-model", packed);
        Assert.Equal(2, code);
        Assert.Contains("all-fp32", stderr);
    }

    private static class Repo
    {
        public static string Root()
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Realtime.sln")))
                {
                    return d.FullName;
                }
            }

            throw new DirectoryNotFoundException("repository root (Realtime.sln) not found above the test binaries");
        }
    }
}
