using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Commands.Plugins;

/// <summary>
/// The hidden child side of <see cref="IsolatedLadspaScan"/>: <c>rtdenoise ladspa-probe LIB...</c> loads each library
/// in turn and writes, one line each on stdout,
/// <code>
///   loading	I            before touching library I (so a crash inside it is attributed to it)
///   ok	I	JSON         its plugins (<see cref="LadspaProbeJson"/>)
///   skip	I	MESSAGE      a load error that did not crash (not an ELF file, no ladspa_descriptor, ...)
/// </code>
/// It ends as soon as its stdin closes (the scanning process ended), even while a plugin holds the main thread.
/// </summary>
internal static partial class LadspaProbeCommand
{
    public const string Name = "ladspa-probe";

    public static Command Create()
    {
        Argument<string[]> libraries = new("libraries") { Arity = ArgumentArity.OneOrMore };
        Command command = new(Name, "Internal: load LADSPA libraries in this process and describe them (used by `plugins`).") { Hidden = true };
        command.Arguments.Add(libraries);
        command.SetAction(parse =>
        {
            string[] files = parse.GetValue(libraries)!;
            new Thread(EndWhenParentEnds) { IsBackground = true, Name = "probe stdin watch" }.Start();
            TextWriter o = Console.Out;
            for (int i = 0; i < files.Length; i++)
            {
                o.WriteLine($"loading\t{i}");
                o.Flush();
                try
                {
                    using LadspaLibrary lib = LadspaLibrary.Load(files[i]);
                    o.WriteLine($"ok\t{i}\t{JsonSerializer.Serialize([.. lib.Plugins], LadspaProbeJson.Default.ListLadspaPluginInfo)}");
                }
                catch (LadspaLoadException ex)
                {
                    o.WriteLine($"skip\t{i}\t{ex.Message.ReplaceLineEndings(" ")}");
                }

                o.Flush();
            }

            return 0;
        });
        return command;
    }

    private static void EndWhenParentEnds()
    {
        using Stream stdin = Console.OpenStandardInput();
        var buffer = new byte[64];
        while (stdin.Read(buffer) > 0)
        {
            // nothing is ever sent: only the end of the stream matters
        }

        Exit(1);
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
