using System.Runtime.CompilerServices;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>
/// Child-process mode of the test executable (the Kernels.Tests DispatchProbe idea): when
/// <c>RTDENOISE_DENOISE_PROBE_DIR</c> names a directory, the process denoises the sample with every kernel path
/// it supports, writes each output as raw little-endian float32 to <c>&lt;path&gt;.f32</c> and the dispatcher's
/// widest path to <c>best.txt</c>, then exits before xunit starts. <see cref="KernelPathDenoiserTests"/> runs it
/// under DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0.
/// </summary>
internal static class KernelPathDenoisingProbe
{
    public const string DirectoryVariable = "RTDENOISE_DENOISE_PROBE_DIR";

#pragma warning disable CA2255 // A module initializer is the probe's entry point: it must run before xunit's Main.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfRequested()
    {
        string? dir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        foreach (KernelPath path in KernelDispatch.All.Where(KernelDispatch.IsSupported))
        {
            float[] y = KernelPathDenoising.Denoise(path);
            var bytes = new byte[y.Length * sizeof(float)];
            Buffer.BlockCopy(y, 0, bytes, 0, bytes.Length);
            File.WriteAllBytes(Path.Combine(dir, KernelDispatch.Name(path) + ".f32"), bytes);
        }

        File.WriteAllText(Path.Combine(dir, "best.txt"), KernelDispatch.Name(KernelDispatch.Best));
        Environment.Exit(0);
    }
}
