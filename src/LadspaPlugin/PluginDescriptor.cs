using System.Runtime.InteropServices;
using RtDenoise.Engine.Ladspa;
using static RtDenoise.Engine.Ladspa.LadspaConstants;

namespace RtDenoise.Engine.LadspaPlugin;

/// <summary>
/// The one static <see cref="LadspaDescriptor"/>, built in native memory on first use (the static constructor runs
/// once, thread-safely) and never freed: hosts keep the pointer for the library's lifetime.
/// </summary>
internal static unsafe class PluginDescriptor
{
    /// <summary>LADSPA unique ID (ladspa.h: below 0x1000000); not used by any plugin in Debian's LADSPA packages.</summary>
    public const uint UniqueId = 5151;

    public const string Label = "rtdenoise";

    public static readonly LadspaDescriptor* Instance = Build();

    private static LadspaDescriptor* Build()
    {
        var d = (LadspaDescriptor*)NativeMemory.AllocZeroed((nuint)sizeof(LadspaDescriptor));
        d->UniqueId = UniqueId;
        d->Label = Utf8(Label);
        d->Properties = PropertyHardRtCapable; // run() allocates, locks and blocks on nothing
        d->Name = Utf8(PluginExports.Processor == "dnn"
            ? "rtdenoise speech denoiser (DNN, shipped model embedded)"
            : "rtdenoise speech denoiser (classic Wiener suppressor; no DNN model embedded in this build)");
        d->Maker = Utf8("rtdenoise project");
        d->Copyright = Utf8("None");
        d->PortCount = PluginPorts.Count;

        var descriptors = (int*)NativeMemory.Alloc(PluginPorts.Count, sizeof(int));
        var names = (byte**)NativeMemory.Alloc(PluginPorts.Count, (nuint)sizeof(byte*));
        var hints = (LadspaPortRangeHint*)NativeMemory.AllocZeroed(PluginPorts.Count, (nuint)sizeof(LadspaPortRangeHint));
        Port(descriptors, names, hints, PluginPorts.Input, "Input", PortInput | LadspaConstants.PortAudio, 0, 0, 0);
        Port(descriptors, names, hints, PluginPorts.Output, "Output", PortOutput | LadspaConstants.PortAudio, 0, 0, 0);
        Port(descriptors, names, hints, PluginPorts.AttenuationLimit, "Attenuation limit (dB)", PortInput | PortControl, HintBoundedBelow | HintBoundedAbove | HintDefaultMaximum, 0f, 100f);
        Port(descriptors, names, hints, PluginPorts.Bypass, "Bypass", PortInput | PortControl, HintToggled | HintDefault0, 0, 0);
        // A default on an output port means nothing to the plugin, but sox (14.4.2) asks every control port without
        // an argument for one, outputs included; with `ladspa -l` it reads this port and compensates instead.
        Port(descriptors, names, hints, PluginPorts.Latency, "latency", PortOutput | PortControl, HintBoundedBelow | HintDefault0, 0f, 0f);
        d->PortDescriptors = descriptors;
        d->PortNames = names;
        d->PortRangeHints = hints;

        d->Instantiate = &PluginExports.Instantiate;
        d->ConnectPort = &PluginExports.ConnectPort;
        d->Activate = &PluginExports.Activate;
        d->Run = &PluginExports.Run;
        d->Cleanup = &PluginExports.Cleanup;

        // run_adding / set_run_adding_gain / deactivate stay NULL: optional in ladspa.h (deactivate has nothing to undo).
        return d;
    }

    private static void Port(int* descriptors, byte** names, LadspaPortRangeHint* hints, int index, string name, int descriptor, int hint, float lower, float upper)
    {
        descriptors[index] = descriptor;
        names[index] = Utf8(name);
        hints[index] = new LadspaPortRangeHint { HintDescriptor = hint, LowerBound = lower, UpperBound = upper };
    }

    private static byte* Utf8(string s) => (byte*)Marshal.StringToCoTaskMemUTF8(s);
}
