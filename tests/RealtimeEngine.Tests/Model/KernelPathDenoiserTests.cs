using System.Diagnostics;
using System.Runtime.InteropServices;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>
/// The denoiser's output on a real file (samples/noisy_speech.wav, shipped model
/// models/denoiser.rtm: vbs3/vbs3/vbs2) with every kernel path equals the scalar path's output.
/// </summary>
/// <remarks>
/// <para><b>In process: bit-identical (tolerance 0).</b> Only the quantized layers change with the path. Each layer
/// (QuantizedLinear) quantizes its input to int8 with the same IEEE operations on every path (ActivationQuantizer:
/// one max, one multiply, one round-to-even per element), computes exact int32 dots (integer arithmetic has no
/// rounding, so summation order is irrelevant), and applies one shared scalar epilogue (scales, bias, ReLU) in a
/// fixed order. The FFT, features and gains run the same code in one process whatever the kernel path. So there
/// is no float operation whose order depends on the path, and any differing bit is a bug. Checked by perturbing the
/// avx2 path by +1 on a single int32 dot (row 0, segment 0 of each layer): that test failed, max |Δ| 2.5·10⁻⁵.</para>
/// <para><b>Out of process, under DOTNET_EnableAVX2=0 / DOTNET_EnableHWIntrinsic=0</b> (the child runs every path it
/// still supports; see <see cref="KernelPathDenoisingProbe"/>): within the child, every path against the child's
/// scalar path, bit-identical as above. The child's scalar output against this process's scalar output may differ,
/// because the switches also change code outside the kernels: TensorPrimitives (the gain sigmoid's vectorised exp
/// versus MathF.Exp) and the FFT's vector butterflies take scalar fallbacks with other rounding. The kernels then still
/// see the same int8 inputs (the forward FFT and the log-power features came out identical, or an activation rounding
/// would have flipped and moved the output by ~10⁻⁵), so what remains is float rounding after the network: a few
/// ulp of the gain (exp) and log2(256) = 8 butterfly stages of the inverse FFT, each ≤ ½ ulp of its operands. The bound
/// asserted is max |Δ| ≤ 16·ε·max|y| (ε = 2⁻²³; 7.4·10⁻⁷ for this file's peak 0.387): measured 2.98·10⁻⁸ = 1 ulp at
/// the peak under DOTNET_EnableHWIntrinsic=0 and 0 under DOTNET_EnableAVX2=0, while the +1-on-one-dot perturbation
/// above moves the output by 2.5·10⁻⁵, 34× the bound.</para>
/// </remarks>
public sealed class KernelPathDenoiserTests
{
    /// <summary>Cross-process tolerance, in units of ε·max|y| (see the class remarks).</summary>
    private const double CrossIsaTolerance = 16 * 1.1920929e-7;

    private static readonly Lazy<float[]> Scalar = new(() => KernelPathDenoising.Denoise(KernelPath.Scalar));

    public static TheoryData<string> SimdPaths() => ["vector128", "avx2", "avx512", "neon"];

    [Theory]
    [MemberData(nameof(SimdPaths))]
    public void Denoised_file_is_bit_identical_to_the_scalar_path(string name)
    {
        Assert.True(KernelDispatch.TryParse(name, out KernelPath path));
        if (!KernelDispatch.IsSupported(path))
        {
            Assert.Skip($"kernel path {name} is not supported on this CPU ({RuntimeInformation.ProcessArchitecture}) or is disabled by a DOTNET_Enable* switch");
        }

        float[] expected = Scalar.Value;
        Assert.Contains(expected, v => v != 0f);
        AssertBitIdentical(expected, KernelPathDenoising.Denoise(path), name);
    }

    public static TheoryData<string> Switches() => ["DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic"];

    [Theory]
    [MemberData(nameof(Switches))]
    public void Child_process_under_an_isa_switch_matches_the_scalar_path(string variable)
    {
        if (Environment.GetEnvironmentVariable("RTDENOISE_NO_CHILD_PROCESS") == "1")
        {
            Assert.Skip("child processes cannot be started in this environment (qemu user mode without binfmt)");
        }

        KernelPath parent = KernelDispatch.Best;
        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        KernelPath expectedBest = variable == "DOTNET_EnableHWIntrinsic" ? KernelPath.Scalar
            : x64 && parent is KernelPath.Avx2 or KernelPath.Avx512 ? KernelPath.Vector128
            : parent;

        string dir = Directory.CreateTempSubdirectory("rtdenoise-denoise-probe-").FullName;
        try
        {
            RunProbe(variable, dir);
            Assert.Equal(KernelDispatch.Name(expectedBest), File.ReadAllText(Path.Combine(dir, "best.txt")));
            float[] childScalar = Read(Path.Combine(dir, "scalar.f32"));
            string[] childPaths = Directory.GetFiles(dir, "*.f32").Select(Path.GetFileNameWithoutExtension).ToArray()!;
            Assert.Contains(KernelDispatch.Name(expectedBest), childPaths);
            foreach (string name in childPaths)
            {
                AssertBitIdentical(childScalar, Read(Path.Combine(dir, name + ".f32")), $"{variable}=0, {name}");
            }

            float[] expected = Scalar.Value;
            double peak = expected.Max(MathF.Abs);
            (int first, double maxAbs) = KernelPathDenoising.Compare(expected, childScalar);
            Assert.True(maxAbs <= CrossIsaTolerance * peak,
                $"{variable}=0: scalar path output differs from this process's by up to {maxAbs:G3} (first at sample {first}), bound {CrossIsaTolerance * peak:G3}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void AssertBitIdentical(float[] expected, float[] actual, string what)
    {
        (int first, double maxAbs) = KernelPathDenoising.Compare(expected, actual);
        if (first >= 0)
        {
            Assert.Fail($"{what}: sample {first} is {actual[first]:R}, the scalar path gave {expected[first]:R}; max |Δ| {maxAbs:G3}");
        }
    }

    private static float[] Read(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        var y = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, y, 0, bytes.Length);
        return y;
    }

    private static void RunProbe(string variable, string dir)
    {
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var psi = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(KernelPathDenoisingProbe).Assembly.Location);
        }

        psi.Environment[KernelPathDenoisingProbe.DirectoryVariable] = dir;
        psi.Environment.Remove(KernelDispatch.OverrideVariable);
        psi.Environment[variable] = "0";
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("process did not start");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000))
        {
            p.Kill(true);
            Assert.Fail($"probe under {variable}=0 did not finish in 300 s");
        }

        Assert.True(p.ExitCode == 0, $"probe under {variable}=0 exited {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
