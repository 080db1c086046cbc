using System.Collections.Concurrent;

namespace RtDenoise.Engine.Model;

/// <summary>
/// Models loaded from files, kept for the process: a batch of files (or the probe a command makes before its
/// run) parses and validates a model once, then shares the immutable <see cref="RtmModel"/> between denoisers.
/// Keyed on the full path, size and modification time, so a file rewritten in the same process is read again.
/// </summary>
public static class LoadedModels
{
    private static readonly ConcurrentDictionary<string, Lazy<RtmModel>> Cache = new(StringComparer.Ordinal);

    public static RtmModel Get(string path)
    {
        var file = new FileInfo(path);
        string key = $"{file.FullName}\n{(file.Exists ? file.Length : -1)}\n{(file.Exists ? file.LastWriteTimeUtc.Ticks : 0)}";
        Lazy<RtmModel> lazy = Cache.GetOrAdd(key, _ => new Lazy<RtmModel>(() => RtmModel.Load(path)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(key, out _); // a failed load is not remembered
            throw;
        }
    }
}
