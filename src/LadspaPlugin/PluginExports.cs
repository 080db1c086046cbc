using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Ladspa;
using RtDenoise.Engine.Model;
using RtDenoise.Engine.Processing;

namespace RtDenoise.Engine.LadspaPlugin;

/// <summary>
/// The C ABI of rtdenoise_ladspa.so: <c>ladspa_descriptor(index)</c> and the descriptor's callbacks. Nothing may throw
/// across this boundary (an exception would abort the host), so instantiate returns NULL on failure and the
/// callbacks tolerate a NULL handle. The instance handle is a <see cref="GCHandle"/> to a <see cref="PluginInstance"/>.
/// </summary>
public static unsafe class PluginExports
{
    /// <summary>Resource name of the model embedded at build time (models/denoiser.rtm, else models/denoiser-fp32.rtm).</summary>
    private const string ModelResource = "rtdenoise.model.rtm";

    /// <summary>The embedded model, parsed once (null when the build had no model: the plugin then runs "classic").</summary>
    private static readonly RtmModel? EmbeddedModel = LoadEmbeddedModel();

    /// <summary>The processor the plugin runs: the shipped DNN when a model is embedded, else the classic suppressor.</summary>
    internal static string Processor => EmbeddedModel is null ? "classic" : "dnn";

    [UnmanagedCallersOnly(EntryPoint = "ladspa_descriptor")]
    public static LadspaDescriptor* LadspaDescriptorEntry(nuint index) => index == 0 ? PluginDescriptor.Instance : null;

    /// <summary>
    /// Not part of LADSPA: bytes allocated on this library's (NativeAOT) GC heap so far, so a host test can prove
    /// that run() allocates nothing.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "rtdenoise_ladspa_allocated_bytes")]
    public static long AllocatedBytes() => GC.GetTotalAllocatedBytes(precise: true);

    [UnmanagedCallersOnly]
    internal static IntPtr Instantiate(LadspaDescriptor* descriptor, nuint sampleRate)
    {
        try
        {
            int rate = checked((int)sampleRate);
            Denoiser denoiser = EmbeddedModel is RtmModel model
                ? DenoiserFactory.CreateDnn(model, rate)
                : DenoiserFactory.Create("classic", null, rate);
            var instance = new PluginInstance(new DenoiserProcessor(denoiser));
            return GCHandle.ToIntPtr(GCHandle.Alloc(instance));
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidModelException or IOException)
        {
            return IntPtr.Zero; // ladspa.h: "This function must return NULL if instantiation fails."
        }
    }

    [UnmanagedCallersOnly]
    internal static void ConnectPort(IntPtr handle, nuint port, float* location) => Get(handle)?.Connect(port, location);

    [UnmanagedCallersOnly]
    internal static void Activate(IntPtr handle) => Get(handle)?.Activate();

    [UnmanagedCallersOnly]
    internal static void Run(IntPtr handle, nuint sampleCount)
    {
        if (Get(handle) is PluginInstance p)
        {
            p.Run((int)Math.Min(sampleCount, int.MaxValue));
        }
    }

    [UnmanagedCallersOnly]
    internal static void Cleanup(IntPtr handle)
    {
        if (handle == IntPtr.Zero)
        {
            return;
        }

        GCHandle gc = GCHandle.FromIntPtr(handle);
        (gc.Target as PluginInstance)?.Dispose();
        gc.Free();
    }

    private static RtmModel? LoadEmbeddedModel()
    {
        try
        {
            using Stream? stream = typeof(PluginExports).Assembly.GetManifestResourceStream(ModelResource);
            if (stream is null)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return RtmModel.Parse(buffer.ToArray(), "embedded " + ModelResource);
        }
        catch (InvalidModelException)
        {
            return null; // a corrupt embedded model must not crash the host; the plugin falls back to classic
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PluginInstance? Get(IntPtr handle) => handle == IntPtr.Zero ? null : Unsafe.As<PluginInstance>(GCHandle.FromIntPtr(handle).Target);
}
