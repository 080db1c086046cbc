namespace RtDenoise.HostApp.Live;

/// <summary>
/// Unloads a list of modules, every one of them: a failure or a timeout (a frozen or dead server) on one does not
/// stop the others, each call has its own time bound, and the result says exactly which ones are still loaded.
/// </summary>
public static class ModuleCleanup
{
    /// <summary>A module that could not be unloaded, and why.</summary>
    public sealed record Failure(string Id, string Reason);

    /// <summary>What a cleanup did: the modules unloaded and those that could not be.</summary>
    public sealed record Report(IReadOnlyList<string> Unloaded, IReadOnlyList<Failure> Failures)
    {
        public bool Complete => Failures.Count == 0;

        /// <summary>"could not remove module N: why; could not remove module M: why" (empty when complete).</summary>
        public string Describe() => string.Join("; ", Failures.Select(f => $"could not remove module {f.Id}: {f.Reason}"));
    }

    /// <summary>Unloads <paramref name="moduleIds"/> in the order given (users before what they use).</summary>
    public static Report UnloadAll(Pactl pactl, IEnumerable<string> moduleIds)
    {
        var unloaded = new List<string>();
        var failures = new List<Failure>();
        foreach (string id in moduleIds)
        {
            if (pactl.TryUnloadModule(id) is string reason)
            {
                Serilog.Log.Debug("could not unload module {Id}: {Reason}", id, reason);
                failures.Add(new Failure(id, reason));
            }
            else
            {
                unloaded.Add(id);
            }
        }

        return new Report(unloaded, failures);
    }
}
