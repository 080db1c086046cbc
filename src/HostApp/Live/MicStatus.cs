using System.Globalization;
namespace RtDenoise.HostApp.Live;

/// <summary>
/// `virtual-mic --status`: every virtual microphone whose modules carry our <see cref="OwnerMark"/>, with its route,
/// modules, and for the in-server route the plugin, its model and the declared latency (the plugin's latency port
/// at the sink's rate plus the loopback's latency_msec).
/// </summary>
internal static class MicStatus
{
    public sealed record Entry(string Name, string Route, bool Alive, IReadOnlyList<ServerModule> Modules, string? Input, string? PluginPath, string? PluginName, double? PluginLatencyMs, double? LoopbackLatencyMs, string? Problem)
    {
        public double? DeclaredLatencyMs => PluginLatencyMs + LoopbackLatencyMs;
    }

    public static IReadOnlyList<Entry> Collect(IReadOnlyList<ServerModule> modules)
    {
        var entries = new List<Entry>();
        foreach (var group in modules.Where(m => m.Mark is { Kind: DeviceKind.Microphone }).GroupBy(m => (m.Mark!.Name, m.Mark.OwnerPid)))
        {
            var list = group.OrderBy(m => int.Parse(m.Id, CultureInfo.InvariantCulture)).ToList();
            if (group.Key.OwnerPid is int pid)
            {
                entries.Add(new Entry(group.Key.Name, $"process pid {pid}", OwnerProcess.IsAlive(pid), list, null, null, null, null, null, null));
                continue;
            }

            ServerModule? loop = list.FirstOrDefault(m => m.Name == "module-loopback");
            double? loopMs = double.TryParse(loop?.Argument("latency_msec"), NumberStyles.Float, CultureInfo.InvariantCulture, out double l) ? l : null;
            PluginProbe.Loaded plugin = PluginProbe.OfModule(list.FirstOrDefault(m => m.Name == "module-ladspa-sink"));
            string? problem = plugin.Problem ?? (list.Count == 4 ? null : $"incomplete: {list.Count} of 4 modules (remove it and create it again)");
            entries.Add(new Entry(group.Key.Name, "in-server", true, list, loop?.Argument("source"), plugin.Path, plugin.Declared?.Name, plugin.Declared?.LatencyMs, loopMs, problem));
        }

        return entries;
    }

    public static void Print(IReadOnlyList<Entry> entries, TextWriter output)
    {
        if (entries.Count == 0)
        {
            output.WriteLine("no rtdenoise virtual microphone is loaded in this server");
            return;
        }

        foreach (Entry e in entries)
        {
            output.WriteLine($"{e.Name}: {e.Route}{(e.Alive ? string.Empty : " (dead: stale modules, removed by the next virtual-mic run or --cleanup)")}");
            output.WriteLine($"  modules: {string.Join(", ", e.Modules.Select(m => $"{m.Id} {m.Name}"))}");
            if (e.Input is not null)
            {
                output.WriteLine($"  input:   {e.Input}");
            }

            if (e.PluginPath is not null)
            {
                output.WriteLine($"  plugin:  {e.PluginPath}");
                output.WriteLine($"  model:   {e.PluginName ?? "?"}");
            }

            if (e.DeclaredLatencyMs is double ms)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency: {ms:F1} ms declared = plugin {e.PluginLatencyMs:F1} ms + loopback {e.LoopbackLatencyMs:F0} ms"));
            }

            if (e.Problem is not null)
            {
                output.WriteLine($"  problem: {e.Problem}");
            }
        }
    }

    public static void PrintJson(IReadOnlyList<Entry> entries, TextWriter output) => StatusJson.WriteLine(output, w =>
    {
        w.WriteStartArray();
        foreach (Entry e in entries)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.WriteString("route", e.Route);
            w.WriteBoolean("alive", e.Alive);
            w.WriteStartArray("modules");
            foreach (ServerModule m in e.Modules)
            {
                w.WriteStringValue(m.Id + " " + m.Name);
            }

            w.WriteEndArray();
            w.WriteString("input", e.Input);
            w.WriteString("plugin", e.PluginPath);
            w.WriteString("model", e.PluginName);
            w.WriteRounded("plugin_latency_ms", e.PluginLatencyMs);
            w.WriteRounded("loopback_latency_ms", e.LoopbackLatencyMs);
            w.WriteRounded("declared_latency_ms", e.DeclaredLatencyMs);
            w.WriteString("problem", e.Problem);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
