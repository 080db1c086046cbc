using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RtDenoise.Engine.Ladspa;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands.Plugins;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// `rtdenoise plugins [--path DIR[:DIR…]] [--json]`: the LADSPA plugins on rtdenoise's search path
/// (<see cref="LadspaSearchPath.SearchDirectories"/>: an installed rtdenoise's own plugin folder, LADSPA_PATH or
/// /usr/lib/ladspa:/usr/local/lib/ladspa, ~/.ladspa, ~/.local/lib/ladspa), or in --path only, with labels, ports and
/// ranges — what `ladspa:LIB:LABEL?port=value` needs. A chain's bare library name is looked up on the same path.
/// </summary>
public static class PluginsCommand
{
    public static Command Create()
    {
        Option<string?> path = new("--path") { Description = "Directories to search (colon-separated) instead of rtdenoise's search path (beside the installed binary, LADSPA_PATH, ~/.ladspa, ~/.local/lib/ladspa)." };
        Option<bool> json = new("--json") { Description = "Print one JSON document on stdout." };
        Command command = new("plugins", "List the LADSPA plugins the chain can use (ladspa:LIB.so:LABEL?port=value&...).");
        command.Options.Add(path);
        command.Options.Add(json);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            string? explicitPath = parse.GetValue(path);
            IReadOnlyList<string> dirs = explicitPath is null ? LadspaSearchPath.SearchDirectories() : LadspaSearchPath.Directories(explicitPath);
            if (explicitPath is not null && dirs.FirstOrDefault(d => !Directory.Exists(d)) is string missing)
            {
                throw new UserInputException($"--path: directory '{missing}' does not exist.");
            }

            // Loaded in a probe process: a library that crashes or hangs in its loader is named and skipped, and the
            // others are still listed.
            IsolatedLadspaScan.Result scan = IsolatedLadspaScan.Scan([.. LadspaSearchPath.Libraries(dirs)]);
            foreach (IsolatedLadspaScan.Skip skip in scan.Skipped)
            {
                Console.Error.WriteLine($"skipped: {skip}{(skip.TookProbeDown ? "; the others are still listed." : string.Empty)}");
            }

            List<LadspaPluginInfo> found = scan.Plugins;

            if (parse.GetValue(json))
            {
                WriteJson(found, dirs);
            }
            else
            {
                WriteText(found, dirs);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(List<LadspaPluginInfo> plugins, IReadOnlyList<string> dirs)
    {
        if (plugins.Count == 0)
        {
            Console.Error.WriteLine($"no LADSPA plugins in {string.Join(":", dirs)} (Debian: apt-get install swh-plugins cmt; or set LADSPA_PATH)");
            return;
        }

        var sb = new StringBuilder();
        foreach (IGrouping<string, LadspaPluginInfo> lib in plugins.GroupBy(p => p.LibraryPath))
        {
            sb.Append(lib.Key).Append('\n');
            foreach (LadspaPluginInfo p in lib)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {p.Label}  \"{p.Name}\"  id {p.UniqueId}{(p.IsHardRtCapable ? ", hard-RT capable" : string.Empty)}\n");
                foreach (LadspaPortInfo port in p.Ports)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"    {port.Index}  \"{port.Name}\"  {Describe(port)}\n");
                }

                sb.Append(CultureInfo.InvariantCulture, $"    use: --chain \"ladspa:{Path.GetFileName(p.LibraryPath)}:{p.Label}\"\n");
            }
        }

        Console.Out.Write(sb.ToString());
    }

    /// <summary>Like analyseplugin: rate-relative bounds are printed as a multiple of "srate".</summary>
    private static string Describe(LadspaPortInfo p)
    {
        string kind = $"{(p.IsInput ? "input" : "output")}, {(p.IsAudio ? "audio" : "control")}";
        if (!p.IsControl)
        {
            return kind;
        }

        string S(float v) => p.ScalesWithSampleRate ? string.Create(CultureInfo.InvariantCulture, $"{v:G6}*srate") : v.ToString("G6", CultureInfo.InvariantCulture);
        string range = (p.HasLowerBound, p.HasUpperBound) switch
        {
            (true, true) => $", {S(p.LowerBound)} to {S(p.UpperBound)}",
            (true, false) => $", {S(p.LowerBound)} to ...",
            (false, true) => $", ... to {S(p.UpperBound)}",
            _ => string.Empty,
        };
        string def = p.IsInput ? $", default {S(p.ScalesWithSampleRate ? p.Default(1) : p.Default(0))}" : string.Empty;
        string flags = (p.IsToggled ? ", toggled" : string.Empty) + (p.IsInteger ? ", integer" : string.Empty) + (p.IsLogarithmic ? ", logarithmic" : string.Empty);
        return kind + range + def + flags;
    }

    private static void WriteJson(List<LadspaPluginInfo> plugins, IReadOnlyList<string> dirs)
    {
        using var stream = Console.OpenStandardOutput();
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("search_path");
        foreach (string d in dirs)
        {
            w.WriteStringValue(d);
        }

        w.WriteEndArray();
        w.WriteStartArray("plugins");
        foreach (LadspaPluginInfo p in plugins)
        {
            w.WriteStartObject();
            w.WriteString("library", p.LibraryPath);
            w.WriteNumber("index", p.Index);
            w.WriteNumber("unique_id", p.UniqueId);
            w.WriteString("label", p.Label);
            w.WriteString("name", p.Name);
            w.WriteString("maker", p.Maker);
            w.WriteString("copyright", p.Copyright);
            w.WriteBoolean("realtime", p.IsRealtime);
            w.WriteBoolean("inplace_broken", p.IsInplaceBroken);
            w.WriteBoolean("hard_rt_capable", p.IsHardRtCapable);
            w.WriteStartArray("ports");
            foreach (LadspaPortInfo port in p.Ports)
            {
                w.WriteStartObject();
                w.WriteNumber("index", port.Index);
                w.WriteString("name", port.Name);
                w.WriteString("direction", port.IsInput ? "input" : "output");
                w.WriteString("type", port.IsAudio ? "audio" : "control");
                if (port.IsControl)
                {
                    if (port.HasLowerBound)
                    {
                        w.WriteNumber("lower", port.LowerBound);
                    }

                    if (port.HasUpperBound)
                    {
                        w.WriteNumber("upper", port.UpperBound);
                    }

                    w.WriteBoolean("bounds_times_sample_rate", port.ScalesWithSampleRate);
                    if (port.IsInput)
                    {
                        w.WriteNumber("default", port.ScalesWithSampleRate ? port.Default(1) : port.Default(0));
                    }

                    w.WriteBoolean("toggled", port.IsToggled);
                    w.WriteBoolean("integer", port.IsInteger);
                    w.WriteBoolean("logarithmic", port.IsLogarithmic);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
