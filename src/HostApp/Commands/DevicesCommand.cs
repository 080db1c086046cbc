using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RtDenoise.Engine.PortAudio;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Commands;

/// <summary>`rtdenoise devices [--json]`: PortAudio's host APIs and devices with channels, default rates and latencies.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        Option<bool> json = new("--json") { Description = "Print one JSON object on stdout." };
        Option<bool> verbose = new("--verbose") { Description = "Debug logging, and the host APIs' own messages on stderr." };
        Command command = new("devices", "List audio host APIs and devices (PortAudio).");
        command.Options.Add(json);
        command.Options.Add(verbose);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            Logging.Configure(parse.GetValue(verbose));
            try
            {
                using PortAudioLibrary pa = LiveRunner.InitializePortAudio(parse.GetValue(verbose));
                var apis = pa.HostApis();
                var devices = pa.Devices();
                Console.Out.Write(parse.GetValue(json) ? Json(apis, devices) : Text(apis, devices));
                return ExitCodes.Ok;
            }
            catch (PortAudioException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }

    private static string Text(IReadOnlyList<HostApiDescription> apis, IReadOnlyList<AudioDeviceDescription> devices)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{PortAudioLibrary.VersionText}");
        foreach (var api in apis)
        {
            sb.AppendLine(inv, $"host API {api.Index}: {api.Name}{(api.IsDefault ? " (default)" : string.Empty)}, {api.DeviceCount} devices");
        }

        foreach (var d in devices)
        {
            string marks = (d.IsDefaultInput ? " [default input]" : string.Empty) + (d.IsDefaultOutput ? " [default output]" : string.Empty);
            sb.AppendLine(inv, $"{d.Index,3}  {d.Name}  ({d.HostApiName}) in {d.MaxInputChannels} / out {d.MaxOutputChannels} ch, {d.DefaultSampleRate:F0} Hz, low latency in {d.DefaultLowInputLatency * 1000:F1} / out {d.DefaultLowOutputLatency * 1000:F1} ms{marks}");
        }

        sb.AppendLine("Devices may also be given as ALSA strings, e.g. --input pulse:DEVICE=<source> --output pulse:DEVICE=<sink>.");
        return sb.ToString();
    }

    private static string Json(IReadOnlyList<HostApiDescription> apis, IReadOnlyList<AudioDeviceDescription> devices)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("portaudio", PortAudioLibrary.VersionText);
            w.WriteStartArray("host_apis");
            foreach (var api in apis)
            {
                w.WriteStartObject();
                w.WriteNumber("index", api.Index);
                w.WriteString("name", api.Name);
                w.WriteNumber("type_id", api.TypeId);
                w.WriteNumber("device_count", api.DeviceCount);
                w.WriteNumber("default_input", api.DefaultInputDevice);
                w.WriteNumber("default_output", api.DefaultOutputDevice);
                w.WriteBoolean("default", api.IsDefault);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("devices");
            foreach (var d in devices)
            {
                w.WriteStartObject();
                w.WriteNumber("index", d.Index);
                w.WriteString("name", d.Name);
                w.WriteString("host_api", d.HostApiName);
                w.WriteNumber("max_input_channels", d.MaxInputChannels);
                w.WriteNumber("max_output_channels", d.MaxOutputChannels);
                w.WriteNumber("default_sample_rate", d.DefaultSampleRate);
                w.WriteNumber("default_low_input_latency_ms", Math.Round(d.DefaultLowInputLatency * 1000, 3));
                w.WriteNumber("default_low_output_latency_ms", Math.Round(d.DefaultLowOutputLatency * 1000, 3));
                w.WriteNumber("default_high_input_latency_ms", Math.Round(d.DefaultHighInputLatency * 1000, 3));
                w.WriteNumber("default_high_output_latency_ms", Math.Round(d.DefaultHighOutputLatency * 1000, 3));
                w.WriteBoolean("default_input", d.IsDefaultInput);
                w.WriteBoolean("default_output", d.IsDefaultOutput);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }
}
