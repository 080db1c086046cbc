using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Commands;

/// <summary>`virtual-mic --in-server --persist` and `--unpersist`: the mic's module vectors handed to <see cref="PersistStore"/>, and what the user is told.</summary>
public static class MicPersistence
{
    public const string Command = "virtual-mic";

    /// <summary>Called once the mic is loaded; a failure leaves the loaded mic and says that it will not come back.</summary>
    public static int Persist(PersistStore store, SoundServerKind kind, InServerMic mic, TextWriter log)
    {
        try
        {
            log.WriteLine(store.Persist(kind, new PersistedChain(Command, mic.Name, mic.ModuleArguments())));
            return ExitCodes.Ok;
        }
        catch (VirtualMicException ex)
        {
            log.WriteLine($"error: the microphone '{mic.Name}' is loaded but not persisted: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (UserInputException ex)
        {
            log.WriteLine($"error: the microphone '{mic.Name}' is loaded but not persisted: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Nothing persisted under the name is not an error (exit 0, as --remove of a mic not loaded): the state asked for holds.</summary>
    public static int Unpersist(PersistStore store, string name, TextWriter log)
    {
        IReadOnlyList<string> done = store.Unpersist(Command, name);
        if (done.Count == 0)
        {
            log.WriteLine($"nothing persisted for '{name}' (looked in {store.PulseScript} and {store.PipeWireFile}); nothing changed");
        }

        foreach (string line in done)
        {
            log.WriteLine(line);
        }

        return ExitCodes.Ok;
    }
}
