using System.Runtime.InteropServices;

namespace RtDenoise.Engine.Ladspa;

/// <summary>
/// The LADSPA 1.1 ABI (<c>ladspa.h</c>, Richard Furse et al.), laid out exactly as the C header on LP64 Linux:
/// <c>unsigned long</c> is <see cref="nuint"/>, pointers are <see cref="IntPtr"/> or function pointers.
/// </summary>
/// <remarks>
/// <code>
///   offset  field                       C type
///        0  UniqueID                    unsigned long
///        8  Label                       const char*
///       16  Properties                  int (+4 padding)
///       24  Name, Maker, Copyright      const char* ×3
///       48  PortCount                   unsigned long
///       56  PortDescriptors             const int*
///       64  PortNames                   const char* const*
///       72  PortRangeHints              const LADSPA_PortRangeHint*  {int HintDescriptor; float Lower; float Upper}
///       80  ImplementationData          void*
///       88  instantiate, connect_port, activate, run, run_adding, set_run_adding_gain, deactivate, cleanup
///      152  (end)
/// </code>
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LadspaDescriptor
{
    public nuint UniqueId;
    public byte* Label;
    public int Properties;
    public byte* Name;
    public byte* Maker;
    public byte* Copyright;
    public nuint PortCount;
    public int* PortDescriptors;
    public byte** PortNames;
    public LadspaPortRangeHint* PortRangeHints;
    public void* ImplementationData;
    public delegate* unmanaged<LadspaDescriptor*, nuint, IntPtr> Instantiate;
    public delegate* unmanaged<IntPtr, nuint, float*, void> ConnectPort;
    public delegate* unmanaged<IntPtr, void> Activate;
    public delegate* unmanaged<IntPtr, nuint, void> Run;
    public delegate* unmanaged<IntPtr, nuint, void> RunAdding;
    public delegate* unmanaged<IntPtr, float, void> SetRunAddingGain;
    public delegate* unmanaged<IntPtr, void> Deactivate;
    public delegate* unmanaged<IntPtr, void> Cleanup;
}

/// <summary><c>LADSPA_PortRangeHint</c>: a hint descriptor and two bounds (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LadspaPortRangeHint
{
    public int HintDescriptor;
    public float LowerBound;
    public float UpperBound;
}

/// <summary>The <c>#define</c>s of ladspa.h.</summary>
public static class LadspaConstants
{
    public const int PropertyRealtime = 0x1;
    public const int PropertyInplaceBroken = 0x2;
    public const int PropertyHardRtCapable = 0x4;

    public const int PortInput = 0x1;
    public const int PortOutput = 0x2;
    public const int PortControl = 0x4;
    public const int PortAudio = 0x8; // write LadspaConstants.PortAudio: RtDenoise.Engine.PortAudio is a namespace

    public const int HintBoundedBelow = 0x1;
    public const int HintBoundedAbove = 0x2;
    public const int HintToggled = 0x4;
    public const int HintSampleRate = 0x8;
    public const int HintLogarithmic = 0x10;
    public const int HintInteger = 0x20;
    public const int HintDefaultMask = 0x3C0;
    public const int HintDefaultNone = 0x0;
    public const int HintDefaultMinimum = 0x40;
    public const int HintDefaultLow = 0x80;
    public const int HintDefaultMiddle = 0xC0;
    public const int HintDefaultHigh = 0x100;
    public const int HintDefaultMaximum = 0x140;
    public const int HintDefault0 = 0x200;
    public const int HintDefault1 = 0x240;
    public const int HintDefault100 = 0x280;
    public const int HintDefault440 = 0x2C0;
}
