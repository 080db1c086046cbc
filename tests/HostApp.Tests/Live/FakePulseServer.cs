using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// A scripted sound server behind <see cref="IPactlRunner"/>: it keeps a module list and the sources and sinks those
/// modules make, answers the pactl calls the virtual microphone uses, and records every call. Tests make it fail a
/// load (<see cref="FailLoad"/>), an unload (<see cref="FailUnload"/>) or freeze (<see cref="Frozen"/>).
/// </summary>
internal sealed class FakePulseServer : IPactlRunner
{
    private readonly List<ServerModule> _modules = [];
    private int _nextId = 20;

    public FakePulseServer(params string[] sources)
    {
        Sources.AddRange(sources);
    }

    public List<string> Sources { get; } = [];

    public List<string> Sinks { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>A load-module whose arguments match this fails (code 1), as the server refusing a module.</summary>
    public Func<string, bool> FailLoad { get; set; } = _ => false;

    /// <summary>Module ids whose unload fails with this stderr.</summary>
    public Dictionary<string, string> FailUnload { get; } = [];

    /// <summary>Module ids whose unload never answers (the runner's time bound expires).</summary>
    public HashSet<string> Frozen { get; } = [];

    public IReadOnlyList<ServerModule> Modules => _modules;

    /// <summary>Virtual time spent waiting on frozen calls: each one uses up its whole time bound.</summary>
    public TimeSpan Waited { get; private set; }

    public Pactl Client => new(this);

    public IEnumerable<string> Unloads => Calls.Where(c => c.StartsWith("unload-module", StringComparison.Ordinal));

    public IEnumerable<string> Loads => Calls.Where(c => c.StartsWith("load-module", StringComparison.Ordinal));

    /// <summary>Loads a module as `pactl load-module NAME ARGS` would; returns its id.</summary>
    public string Load(string name, string arguments)
    {
        string id = (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var m = new ServerModule(id, name, arguments);
        _modules.Add(m);
        if (m.Argument("source_name") is string source)
        {
            Sources.Add(source);
        }

        if (m.Argument("sink_name") is string sink)
        {
            Sinks.Add(sink);
            Sources.Add(sink + ".monitor");
        }

        return id;
    }

    public PactlResult Run(IReadOnlyList<string> args, TimeSpan timeout)
    {
        string line = string.Join(' ', args);
        Calls.Add(line);
        string[] call = [.. args];
        return call switch
        {
            ["info"] => Ok("Server Name: fake"),
            ["get-default-source"] => Ok(Sources.FirstOrDefault() ?? string.Empty),
            ["list", "short", "modules"] => Ok(string.Concat(_modules.Select(m => $"{m.Id}\t{m.Name}\t{m.Arguments}\t\n"))),
            ["list", "short", "sources"] => Ok(string.Concat(Sources.Select((s, i) => $"{i}\t{s}\tmodule-x.c\tfloat32le 1ch 48000Hz\tIDLE\n"))),
            ["list", "short", "sinks"] => Ok(string.Concat(Sinks.Select((s, i) => $"{i}\t{s}\tmodule-x.c\tfloat32le 1ch 48000Hz\tIDLE\n"))),
            ["load-module", string name, .. var rest] => FailLoad(line) ? new PactlResult(1, string.Empty, "Failure: Module initialization failed") : Ok(Load(name, string.Join(' ', rest))),
            ["unload-module", string id] => Unload(id, timeout),
            _ => new PactlResult(1, string.Empty, $"fake: unexpected pactl {line}"),
        };
    }

    private PactlResult Unload(string id, TimeSpan timeout)
    {
        if (Frozen.Contains(id))
        {
            Waited += timeout;
            throw new VirtualMicException($"pactl unload-module {id} did not answer within {timeout.TotalSeconds:0.##} s.");
        }

        if (FailUnload.TryGetValue(id, out string? error))
        {
            return new PactlResult(1, string.Empty, error);
        }

        ServerModule? m = _modules.FirstOrDefault(x => x.Id == id);
        if (m is null)
        {
            return new PactlResult(1, string.Empty, "Failure: No such entity");
        }

        _modules.Remove(m);
        Sources.RemoveAll(s => s == m.Argument("source_name") || s == m.Argument("sink_name") + ".monitor");
        Sinks.RemoveAll(s => s == m.Argument("sink_name"));
        return Ok(string.Empty);
    }

    private static PactlResult Ok(string output) => new(0, output, string.Empty);
}
