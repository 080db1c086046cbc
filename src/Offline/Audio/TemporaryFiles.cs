using System.Collections.Concurrent;

namespace RtDenoise.Offline.Audio;

/// <summary>
/// The hidden temporary files this process has open and not yet renamed into place. A writer registers its file
/// when it creates it and drops it on commit or cleanup; a process that must end at once (a second Ctrl-C, or a
/// command still blocked when the signal's grace time runs out) deletes whatever is left here first, so no
/// <c>.tmp</c> survives an interrupted run, whatever the run was blocked on.
/// </summary>
public static class TemporaryFiles
{
    private static readonly ConcurrentDictionary<string, byte> Open = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="path"/>; disposing the result unregisters it (it does not delete it).</summary>
    public static Registration Track(string path)
    {
        Open.TryAdd(path, 0);
        return new Registration(path);
    }

    /// <summary>Deletes every registered file (best effort: a file already gone or undeletable is skipped).</summary>
    public static void DeleteAll()
    {
        foreach (string path in Open.Keys)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Gone or busy: nothing more can be done while exiting.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }

            Open.TryRemove(path, out _);
        }
    }

    /// <summary>The files registered now (for tests).</summary>
    internal static IReadOnlyCollection<string> Current => [.. Open.Keys];

    /// <summary>One registered file; <see cref="Dispose"/> forgets it (the default value holds none).</summary>
    public readonly struct Registration(string path) : IDisposable
    {
        public void Dispose()
        {
            if (path is not null)
            {
                Open.TryRemove(path, out _);
            }
        }
    }
}
