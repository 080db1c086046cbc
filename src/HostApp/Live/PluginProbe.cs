using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Ladspa;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// What the plugin itself declares: its name (which says whether a DNN model is embedded) and its latency port at
/// a rate, read by instantiating it here with our own LADSPA host, so the declared latency is never hard-coded.
/// </summary>
internal static class PluginProbe
{
    public sealed record Declared(string Name, double LatencyMs);

    /// <summary>The plugin's name and latency at <paramref name="rate"/>; throws <see cref="VirtualMicException"/> when it cannot run.</summary>
    public static Declared Read(string path, int rate)
    {
        try
        {
            using var processor = new LadspaProcessor(LadspaLibrary.Load(path), "rtdenoise");
            processor.Configure(rate, 480);
            return new Declared(processor.Info.Name, processor.LatencySamples * 1000.0 / rate);
        }
        catch (LadspaLoadException ex)
        {
            throw new VirtualMicException($"the plugin '{path}' is not a usable rtdenoise LADSPA library: {ex.Message}");
        }
        catch (InvalidChainSpecException ex)
        {
            throw new VirtualMicException($"the plugin '{path}' does not run at {rate} Hz: {ex.Message}");
        }
    }

    /// <summary>What a loaded module-ladspa-sink runs: its plugin path, and the plugin's declaration at the module's rate or why it could not be read.</summary>
    public sealed record Loaded(string? Path, int Rate, Declared? Declared, string? Problem);

    /// <summary>Reads the plugin of a loaded module-ladspa-sink (null: none loaded) at the module's rate (48 kHz when it names none).</summary>
    public static Loaded OfModule(ServerModule? ladspa)
    {
        string? path = ladspa?.Argument("plugin");
        int rate = int.TryParse(ladspa?.Argument("rate"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int r) ? r : 48000;
        if (path is null)
        {
            return new Loaded(null, rate, null, null);
        }

        try
        {
            return new Loaded(path, rate, Read(path, rate), null);
        }
        catch (VirtualMicException ex)
        {
            return new Loaded(path, rate, null, ex.Message);
        }
    }

    /// <summary>
    /// <see cref="Read"/> for a plugin the user chose (--plugin, or the one found for them): a file that is not an ELF
    /// LADSPA library carrying our "rtdenoise" descriptor, or does not run at the rate, is bad input (exit 2).
    /// </summary>
    public static Declared Check(string path, int rate)
    {
        try
        {
            return Read(path, rate);
        }
        catch (VirtualMicException ex)
        {
            throw new Cli.UserInputException($"--plugin: {ex.Message}");
        }
    }
}
