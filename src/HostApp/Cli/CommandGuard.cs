using RtDenoise.Engine;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Cli;

/// <summary>Runs a command body and maps exceptions to exit codes with a clear one-line message.</summary>
public static class CommandGuard
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UserInputException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (InvalidAudioFileException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (InvalidModelException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Engine.Chain.InvalidChainSpecException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnsupportedSampleRateException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (InvalidDataException ex)
        {
            // Malformed data files (a corpus manifest, a checkpoint): the message names the file and line.
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
