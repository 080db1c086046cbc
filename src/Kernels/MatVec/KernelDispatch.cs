using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// The CPU's kernel paths and the process default: the widest the CPU supports (AVX-512 → AVX2 → NEON → Vector128
/// → scalar), or the one named by <c>RTDENOISE_KERNEL=scalar|vector128|avx2|avx512|neon</c>. The variable is read
/// once, in the static initializer; an unknown or unsupported value falls back to the automatic choice and says so
/// in <see cref="Note"/> and <see cref="OverrideWarning"/> (which the engine logs as a warning, so a typo is never
/// silently ignored). Models do not use the widest path blindly: <see cref="KernelPlanner"/> times the supported
/// paths per layer at load and honours <see cref="Forced"/>.
/// </summary>
/// <remarks>
/// The <c>IsSupported</c> checks are JIT-time constants, so they cost nothing in the kernels; the stored
/// <see cref="Selected"/> is a static readonly value, which the tiered JIT also folds into a constant.
/// </remarks>
public static class KernelDispatch
{
    public const string OverrideVariable = "RTDENOISE_KERNEL";

    private const string ForcedNote = $"forced by {OverrideVariable}";

    static KernelDispatch()
    {
        Best = Widest();
        (Selected, Note) = Choose(Environment.GetEnvironmentVariable(OverrideVariable));
        Forced = Note == ForcedNote ? Selected : null;
        OverrideWarning = Note is null || Forced is not null ? null : Note;
    }

    /// <summary>The path <c>RTDENOISE_KERNEL</c> forces (valid and supported), else null: the planner measures.</summary>
    public static KernelPath? Forced { get; }

    /// <summary>Why <c>RTDENOISE_KERNEL</c> was set but ignored (unknown or unsupported value), else null.</summary>
    public static string? OverrideWarning { get; }

    /// <summary>The path <c>Forward</c> uses when no path is passed.</summary>
    public static KernelPath Selected { get; }

    /// <summary>The widest supported path, ignoring the override.</summary>
    public static KernelPath Best { get; }

    /// <summary>Why the override was not honoured, or null.</summary>
    public static string? Note { get; }

    public static string SelectedName => Name(Selected);

    /// <summary>One line for the start-up log, e.g. "kernel path avx2 (fma, avx-vnni: no)".</summary>
    public static string Description =>
        $"kernel path {SelectedName}" + Selected switch
        {
            KernelPath.Avx2 => $" (fma, avx-vnni: {(AvxVnni.IsSupported ? "yes" : "no")})",
            KernelPath.Neon => $" (dot product: {(Dp.IsSupported ? "yes" : "no")})",
            _ => "",
        } + (Note is null ? "" : $"; {Note}");

    public static IReadOnlyList<KernelPath> All { get; } =
        [KernelPath.Scalar, KernelPath.Vector128, KernelPath.Avx2, KernelPath.Avx512, KernelPath.Neon];

    public static bool IsSupported(KernelPath path) => path switch
    {
        KernelPath.Scalar => true,
        KernelPath.Vector128 => Vector128.IsHardwareAccelerated,
        KernelPath.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        KernelPath.Avx512 => Avx512BW.IsSupported && Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        KernelPath.Neon => AdvSimd.Arm64.IsSupported,
        _ => false,
    };

    public static string Name(KernelPath path) => path switch
    {
        KernelPath.Scalar => "scalar",
        KernelPath.Vector128 => "vector128",
        KernelPath.Avx2 => "avx2",
        KernelPath.Avx512 => "avx512",
        KernelPath.Neon => "neon",
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    public static bool TryParse(string? text, out KernelPath path)
    {
        foreach (KernelPath p in All)
        {
            if (string.Equals(text?.Trim(), Name(p), StringComparison.OrdinalIgnoreCase))
            {
                path = p;
                return true;
            }
        }

        path = default;
        return false;
    }

    private static KernelPath Widest()
    {
        foreach (KernelPath p in (ReadOnlySpan<KernelPath>)[KernelPath.Avx512, KernelPath.Avx2, KernelPath.Neon, KernelPath.Vector128])
        {
            if (IsSupported(p))
            {
                return p;
            }
        }

        return KernelPath.Scalar;
    }

    private static (KernelPath, string?) Choose(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return (Best, null);
        }

        if (!TryParse(requested, out KernelPath p))
        {
            return (Best, $"{OverrideVariable}={requested} is not one of scalar|vector128|avx2|avx512|neon; ignored (the planner measures every supported path)");
        }

        return IsSupported(p)
            ? (p, ForcedNote)
            : (Best, $"{OverrideVariable}={requested} is not supported on this CPU; ignored (the planner measures every supported path)");
    }
}
