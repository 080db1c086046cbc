namespace RtDenoise.HostApp.Live;

/// <summary>
/// The sound server through `pactl`, each call bounded in time: a server that stops answering must not hang the
/// command. <see cref="Default"/> runs the real client; tests construct one over a scripted <see cref="IPactlRunner"/>.
/// </summary>
public sealed class Pactl(IPactlRunner runner)
{
    /// <summary>How long one pactl call may take; each unload of a cleanup gets its own.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Pactl Default { get; } = new(new ProcessPactlRunner());

    /// <summary>Runs pactl; throws <see cref="VirtualMicException"/> when it cannot start or does not answer.</summary>
    public PactlResult Run(params string[] args) => runner.Run(args, Timeout);

    /// <summary>Runs pactl and returns its standard output; a non-zero exit becomes <see cref="VirtualMicException"/>.</summary>
    public string Query(params string[] args)
    {
        PactlResult r = Run(args);
        if (r.Code != 0)
        {
            throw new VirtualMicException($"pactl {string.Join(' ', args)} failed: {FirstLine(r.Error)}");
        }

        return r.Output;
    }

    /// <summary>Throws <see cref="VirtualMicException"/> naming what is missing: pactl, or a server answering it.</summary>
    public void CheckServer()
    {
        PactlResult r = Run("info");
        if (r.Code != 0)
        {
            throw new VirtualMicException($"no PulseAudio/PipeWire server answers `pactl info` ({FirstLine(r.Error)}); start one (pulseaudio --start, or pipewire-pulse) or set PULSE_SERVER.");
        }
    }

    /// <summary>Loads a module; returns its id.</summary>
    public string LoadModule(params string[] args)
    {
        PactlResult r = Run(["load-module", .. args]);
        if (r.Code != 0)
        {
            throw new VirtualMicException($"pactl load-module {string.Join(' ', args)} failed: {FirstLine(r.Error)} (the server's log says why)");
        }

        return r.Output.Trim();
    }

    /// <summary>Unloads a module, waiting at most <paramref name="timeout"/> (default <see cref="Timeout"/>); returns
    /// null when it is gone, else why not (a timeout included: never throws).</summary>
    public string? TryUnloadModule(string moduleId, TimeSpan? timeout = null)
    {
        try
        {
            PactlResult r = runner.Run(["unload-module", moduleId], timeout ?? Timeout);
            return r.Code == 0 ? null : $"pactl unload-module {moduleId} failed: {FirstLine(r.Error)}";
        }
        catch (VirtualMicException ex)
        {
            return ex.Message.TrimEnd('.');
        }
    }

    /// <summary>The modules loaded now (`pactl list short modules`).</summary>
    public IReadOnlyList<ServerModule> Modules() => ServerModule.ParseShortList(Query("list", "short", "modules"));

    /// <summary>The names in `pactl list short sinks` or `sources` (second column).</summary>
    public IReadOnlyList<string> Names(string kind) =>
        Query("list", "short", kind).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length > 1)
            .Select(f => f[1])
            .ToList();

    /// <summary>The server's default source by name, or null when it has none.</summary>
    public string? DefaultSource()
    {
        PactlResult r = Run("get-default-source");
        string name = r.Output.Trim();
        return r.Code == 0 && name.Length > 0 ? name : null;
    }

    /// <summary>The server's default sink by name, or null when it has none.</summary>
    public string? DefaultSink()
    {
        PactlResult r = Run("get-default-sink");
        string name = r.Output.Trim();
        return r.Code == 0 && name.Length > 0 ? name : null;
    }

    public static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length == 0 ? "no message" : line;
    }
}
