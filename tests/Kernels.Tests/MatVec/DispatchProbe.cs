using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using RtDenoise.Kernels.MatVec;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>
/// Probe mode of the test executable: when <c>RTDENOISE_PROBE_OUT</c> names a file, the process writes what
/// the runtime and <see cref="KernelDispatch"/> see (one key=value per line) and exits before xunit starts.
/// <see cref="DispatchTests"/> launches the executable this way under each DOTNET_Enable* switch.
/// </summary>
internal static class DispatchProbe
{
    public const string OutVariable = "RTDENOISE_PROBE_OUT";

#pragma warning disable CA2255 // A module initializer is the probe's entry point: it must run before xunit's Main.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfRequested()
    {
        string? path = Environment.GetEnvironmentVariable(OutVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        File.WriteAllText(path, Describe());
        Environment.Exit(0);
    }

    public static string Describe() =>
        $"""
        selected={KernelDispatch.SelectedName}
        best={KernelDispatch.Name(KernelDispatch.Best)}
        note={KernelDispatch.Note}
        vector128={Vector128.IsHardwareAccelerated}
        avx2={Avx2.IsSupported}
        avx512={Avx512BW.IsSupported && Vector512.IsHardwareAccelerated}
        neon={AdvSimd.Arm64.IsSupported}
        dp={Dp.IsSupported}
        """;
}
