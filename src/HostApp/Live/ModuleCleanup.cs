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

    /// <summary>What is kept back from the time left for the report and the hand-over after the last unload.</summary>
    public static readonly TimeSpan ReportMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>Unloads <paramref name="moduleIds"/> in the order given (users before what they use). With
    /// <paramref name="timeLeft"/> (the grace time after a stop signal; null while none arrived) each call waits at
    /// most what is left of it, less <see cref="ReportMargin"/>, and a module reached with no time left is reported,
    /// not tried.</summary>
    public static Report UnloadAll(Pactl pactl, IEnumerable<string> moduleIds, Func<TimeSpan?>? timeLeft = null)
    {
        var unloaded = new List<string>();
        var failures = new List<Failure>();
        foreach (string id in moduleIds)
        {
            TimeSpan? left = timeLeft?.Invoke() - ReportMargin;
            if (left is TimeSpan l && l <= TimeSpan.Zero)
            {
                failures.Add(new Failure(id, "not tried: the time left after the stop signal was spent on the modules before it"));
                continue;
            }

            TimeSpan timeout = left is TimeSpan bound && bound < Pactl.Timeout ? bound : Pactl.Timeout;
            if (pactl.TryUnloadModule(id, timeout) is string reason)
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
