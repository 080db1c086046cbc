using System.Globalization;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// `virtual-speaker --status`: every in-server speaker (modules marked <c>rtdenoise.speaker=NAME</c>), with its
/// modules, the output it plays on, the plugin, its model and the declared latency (the plugin's latency port at
/// the sink's rate: the speaker has no loopback). Microphones are `virtual-mic --status`'s.
/// </summary>
internal static class SpeakerStatus
{
    public sealed record Entry(string Name, IReadOnlyList<ServerModule> Modules, string? Output, string? PluginPath, string? PluginName, double? DeclaredLatencyMs, string? Problem);

    public static IReadOnlyList<Entry> Collect(IReadOnlyList<ServerModule> modules) =>
        modules.Where(m => m.Mark is { Kind: DeviceKind.Speaker, IsInServer: true })
            .GroupBy(m => m.Mark!.Name)
            .Select(group =>
            {
                var list = group.OrderBy(m => int.Parse(m.Id, CultureInfo.InvariantCulture)).ToList();
                ServerModule? ladspa = list.FirstOrDefault(m => m.Name == "module-ladspa-sink");
                PluginProbe.Loaded plugin = PluginProbe.OfModule(ladspa);
                string? problem = plugin.Problem ?? (list.Count == 1 && ladspa is not null ? null : $"unexpected modules: {string.Join(", ", list.Select(m => m.Name))} (remove it and create it again)");
                return new Entry(group.Key, list, ladspa?.Argument("sink_master"), plugin.Path, plugin.Declared?.Name, plugin.Declared?.LatencyMs, problem);
            })
            .ToList();

    public static void Print(IReadOnlyList<Entry> entries, TextWriter output)
    {
        if (entries.Count == 0)
        {
            output.WriteLine("no rtdenoise virtual speaker is loaded in this server");
            return;
        }

        foreach (Entry e in entries)
        {
            output.WriteLine($"{e.Name}: in-server");
            output.WriteLine($"  modules: {string.Join(", ", e.Modules.Select(m => $"{m.Id} {m.Name}"))}");
            output.WriteLine($"  output:  {e.Output ?? "?"}");
            output.WriteLine($"  plugin:  {e.PluginPath ?? "?"}");
            output.WriteLine($"  model:   {e.PluginName ?? "?"}");
            if (e.DeclaredLatencyMs is double ms)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency: {ms:F1} ms declared (the plugin's; the server's own buffering comes on top)"));
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
            w.WriteString("route", "in-server");
            w.WriteStartArray("modules");
            foreach (ServerModule m in e.Modules)
            {
                w.WriteStringValue(m.Id + " " + m.Name);
            }

            w.WriteEndArray();
            w.WriteString("output", e.Output);
            w.WriteString("plugin", e.PluginPath);
            w.WriteString("model", e.PluginName);
            w.WriteRounded("declared_latency_ms", e.DeclaredLatencyMs);
            w.WriteString("problem", e.Problem);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });
}
