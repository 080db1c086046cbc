using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// The dispatcher picks the widest supported path, honours RTDENOISE_KERNEL, and the .NET 10 ISA switches
/// really take paths away (checked in child processes, the ImageSharp FeatureTestRunner idea).
/// </summary>
public sealed class DispatchTests
{
    private static int Rank(KernelPath p) => p switch
    {
        KernelPath.Scalar => 0,
        KernelPath.Vector128 => 1,
        _ => 2 + (p == KernelPath.Avx512 ? 1 : 0),
    };

    [Fact]
    public void Best_is_the_widest_supported_path()
    {
        KernelPath best = KernelDispatch.Best;
        Assert.True(KernelDispatch.IsSupported(best));
        foreach (KernelPath p in KernelDispatch.All)
        {
            if (KernelDispatch.IsSupported(p) && p != KernelPath.Vector128 && p != KernelPath.Scalar)
            {
                Assert.True(Rank(best) >= Rank(p), $"best {best} but {p} is supported");
            }
        }

        Assert.Equal(Vector128.IsHardwareAccelerated, KernelDispatch.IsSupported(KernelPath.Vector128));
        Assert.Equal(Avx2.IsSupported && Fma.IsSupported, KernelDispatch.IsSupported(KernelPath.Avx2));
        Assert.Equal(AdvSimd.Arm64.IsSupported, KernelDispatch.IsSupported(KernelPath.Neon));
        Assert.False(string.IsNullOrEmpty(KernelDispatch.Description));
    }

    [Fact]
    public void Unsupported_forced_paths_throw()
    {
        (var q, float[] bias) = KernelTestData.Matrix("int4", 2, 40);
        using var layer = new QuantizedLinear(q, bias, Activation.Linear);
        foreach (KernelPath p in KernelDispatch.All.Where(p => !KernelDispatch.IsSupported(p)))
        {
            Assert.Throws<PlatformNotSupportedException>(() => layer.Forward(new float[40], new float[2], 1, p));
        }
    }

    /// <summary>Set by the ARM64 qemu phase: the path this configuration must detect.</summary>
    [Fact]
    public void Detected_path_matches_the_phase_expectation()
    {
        string? expected = Environment.GetEnvironmentVariable("RTDENOISE_EXPECT_PATH");
        if (string.IsNullOrEmpty(expected))
        {
            Assert.Skip("RTDENOISE_EXPECT_PATH is not set (only the qemu phase sets it)");
        }

        Assert.Equal(expected, KernelDispatch.Name(KernelDispatch.Best));
        string? dp = Environment.GetEnvironmentVariable("RTDENOISE_EXPECT_DP");
        if (!string.IsNullOrEmpty(dp))
        {
            Assert.Equal(dp == "1", Dp.IsSupported);
        }
    }

    public static TheoryData<string, string> Switches() => new()
    {
        { "", "" },
        { "DOTNET_EnableAVX512", "0" },
        { "DOTNET_EnableAVX2", "0" },
        { "DOTNET_EnableHWIntrinsic", "0" },
        { "RTDENOISE_KERNEL", "scalar" },
        { "RTDENOISE_KERNEL", "vector128" },
        { "RTDENOISE_KERNEL", "no-such-path" },
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public void Child_process_under_a_switch_detects_the_expected_path(string variable, string value)
    {
        if (Environment.GetEnvironmentVariable("RTDENOISE_NO_CHILD_PROCESS") == "1")
        {
            Assert.Skip("child processes cannot be started in this environment (qemu user mode without binfmt)");
        }

        Dictionary<string, string> probe = RunProbe(variable, value);
        KernelPath parent = KernelDispatch.Best;
        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        KernelPath expectedBest = (variable, x64) switch
        {
            ("DOTNET_EnableHWIntrinsic", _) => KernelPath.Scalar,
            ("DOTNET_EnableAVX2", true) => Rank(parent) > 1 ? KernelPath.Vector128 : parent,
            ("DOTNET_EnableAVX512", true) => Rank(parent) > 2 ? KernelPath.Avx2 : parent,
            _ => parent,
        };
        Assert.Equal(KernelDispatch.Name(expectedBest), probe["best"]);

        switch (variable)
        {
            case "DOTNET_EnableHWIntrinsic":
                Assert.Equal("False", probe["vector128"]);
                Assert.Equal("False", probe["avx2"]);
                Assert.Equal("False", probe["neon"]);
                break;
            case "DOTNET_EnableAVX2":
                Assert.Equal("False", probe["avx2"]);
                Assert.Equal("False", probe["avx512"]);
                break;
            case "DOTNET_EnableAVX512":
                Assert.Equal("False", probe["avx512"]);
                break;
            case "RTDENOISE_KERNEL" when value == "no-such-path":
                Assert.Equal(probe["best"], probe["selected"]);
                Assert.Contains("not one of", probe["note"], StringComparison.Ordinal);
                break;
            case "RTDENOISE_KERNEL":
                // The child inherits this process's switches, so it supports exactly what this one does.
                KernelDispatch.TryParse(value, out KernelPath forced);
                if (KernelDispatch.IsSupported(forced))
                {
                    Assert.Equal(value, probe["selected"]);
                }
                else
                {
                    Assert.Equal(probe["best"], probe["selected"]);
                    Assert.Contains("not supported", probe["note"], StringComparison.Ordinal);
                }

                break;
            default:
                Assert.Equal(KernelDispatch.SelectedName, probe["selected"]);
                break;
        }
    }

    private static Dictionary<string, string> RunProbe(string variable, string value)
    {
        string output = Path.Combine(Path.GetTempPath(), $"rtdenoise-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(DispatchProbe).Assembly.Location);
        }

        psi.Environment[DispatchProbe.OutVariable] = output;
        psi.Environment.Remove("RTDENOISE_KERNEL");
        if (variable.Length > 0)
        {
            psi.Environment[variable] = value;
        }

        try
        {
            using Process p = Process.Start(psi) ?? throw new InvalidOperationException("process did not start");
            string stderr = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "probe process timed out");
            Assert.True(p.ExitCode == 0, $"probe exited {p.ExitCode}: {stderr}");
            return File.ReadAllLines(output)
                .Select(l => l.Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
        }
        finally
        {
            File.Delete(output);
        }
    }
}
