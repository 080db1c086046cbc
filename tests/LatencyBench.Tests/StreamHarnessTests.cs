using System.Text.Json;

namespace RtDenoise.LatencyBench.Tests;

/// <summary>
/// Runs the streaming harness for a few seconds, out of process, and checks that it runs and its JSON parses.
/// Timing figures are not asserted here (they are proven by the harness runs in latency-bench/results);
/// the zero-allocation / zero-GC contract is, because it does not depend on machine load.
/// </summary>
public sealed class StreamHarnessTests
{
    [Fact]
    public void Unpaced_run_prints_one_parsable_json_line()
    {
        (int code, string stdout, string stderr) = LatencyBenchProcess.Run("stream", "--processor", "classic", "--rate", "48000", "--duration", "2", "--json");
        Assert.True(code == 0, stderr);
        JsonElement j = SingleJsonLine(stdout);
        Assert.Equal(200, j.GetProperty("blocks").GetInt64());
        Assert.True(j.GetProperty("rtf").GetDouble() > 0);
        Assert.True(j.GetProperty("p50_us").GetDouble() <= j.GetProperty("p99_us").GetDouble());
        Assert.True(j.GetProperty("p99_us").GetDouble() <= j.GetProperty("max_us").GetDouble());
        Assert.True(j.GetProperty("latency_ms").GetDouble() > 15);
        Assert.Equal(0, j.GetProperty("alloc_bytes").GetInt64());
        Assert.Equal(0, j.GetProperty("gc").GetInt32());
    }

    [Fact]
    public void Paced_run_reports_misses_and_exits_0_or_1_accordingly()
    {
        (int code, string stdout, string stderr) = LatencyBenchProcess.Run("stream", "--processor", "classic", "--rate", "16000", "--block-ms", "10", "--paced", "--duration", "2", "--json");
        JsonElement j = SingleJsonLine(stdout);
        Assert.True(j.GetProperty("paced").GetBoolean());
        Assert.Equal(200, j.GetProperty("blocks").GetInt64());
        Assert.Equal(0, j.GetProperty("alloc_bytes").GetInt64());
        long misses = j.GetProperty("misses").GetInt64();
        Assert.True(code == (misses > 0 ? 1 : 0), $"exit {code} with {misses} misses; {stderr}");
    }

    [Fact]
    public void Cpu_quota_run_applies_or_skips_with_a_reason()
    {
        (int code, string stdout, string stderr) = LatencyBenchProcess.Run("stream", "--processor", "classic", "--paced", "--duration", "1", "--device-profile", "pi4", "--json");
        JsonElement j = SingleJsonLine(stdout);
        if (j.TryGetProperty("skipped", out JsonElement skipped))
        {
            Assert.True(skipped.GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(j.GetProperty("reason").GetString()));
            Assert.Equal(0, code);
        }
        else
        {
            Assert.Equal(0.25, j.GetProperty("cpu_quota").GetDouble(), 3);
            Assert.True(code is 0 or 1, stderr);
        }
    }

    [Fact]
    public void Bad_input_is_exit_2_with_a_message()
    {
        (int code, _, string stderr) = LatencyBenchProcess.Run("stream", "--input", "/nonexistent/x.wav", "--json");
        Assert.Equal(2, code);
        Assert.Contains("x.wav", stderr);
        (code, _, stderr) = LatencyBenchProcess.Run("stream", "--device-profile", "commodore64");
        Assert.Equal(2, code);
        Assert.Contains("commodore64", stderr);
    }

    private static JsonElement SingleJsonLine(string stdout)
    {
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return JsonDocument.Parse(lines[0]).RootElement.Clone();
    }
}
