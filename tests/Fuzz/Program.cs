using RtDenoise.Engine.Model;
using SharpFuzz;

namespace RtDenoise.Fuzz;

/// <summary>
/// SharpFuzz harness for AFL++ (scripts/fuzz.sh runs it). One target per process, chosen by the first argument:
/// <list type="bullet">
/// <item><c>model</c>: <see cref="RtmModel.Parse"/>; the trailing XxHash64 is recomputed first so that mutations reach
/// the checks behind the checksum. Only <see cref="InvalidModelException"/> is allowed.</item>
/// <item><c>wav</c>: the bytes as a file, read as the CLI reads WAVs (<see cref="WavReader.Open"/> then
/// <see cref="WavReader.ReadFrames"/> to the end, as <c>denoise</c> does; <see cref="WavReader.ReadAllChannels"/>, as
/// <c>metrics</c> and <c>eval</c> do). Only <see cref="InvalidAudioFileException"/> is allowed.</item>
/// <item><c>chain</c>: the bytes as UTF-8 text given to <see cref="ChainSpecParser.ParseJson"/>,
/// <see cref="ChainSpecParser.ParseArgument"/> and <see cref="ChainSpecParser.ParseElement"/>. Only
/// <see cref="InvalidChainSpecException"/> is allowed.</item>
/// </list>
/// Any other exception escapes, which AFL records as a crash. Other modes:
/// <c>repro TARGET FILE|DIR...</c> runs inputs without AFL (exit 1 when one fails; for a crash AFL saved, and for
/// the regression fixtures), <c>fixture TARGET IN OUT</c> writes the bytes the target actually parses (the model's
/// checksum recomputed), and <c>seed DIR</c> writes the seed corpus (tests/Fuzz/corpus).
/// </summary>
public static class Program
{
    private static readonly string[] Targets = ["model", "wav", "chain"];

    public static int Main(string[] args)
    {
        if (args.Length == 1 && Targets.Contains(args[0]))
        {
            Action<byte[]> target = Target(args[0]);
            Fuzzer.Run(stream =>
            {
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                target(ms.ToArray());
            });
            return 0;
        }

        if (args.Length >= 3 && args[0] == "repro" && Targets.Contains(args[1]))
        {
            return Repro(args[1], args[2..]);
        }

        if (args.Length == 4 && args[0] == "fixture" && Targets.Contains(args[1]))
        {
            byte[] bytes = File.ReadAllBytes(args[2]);
            File.WriteAllBytes(args[3], args[1] == "model" ? FuzzTargets.WithChecksum(bytes) : bytes);
            return 0;
        }

        if (args.Length == 2 && args[0] == "seed")
        {
            Seeds.Write(args[1]);
            return 0;
        }

        Console.Error.WriteLine("usage: RtDenoise.Fuzz model|wav|chain            (under afl-fuzz; see scripts/fuzz.sh)");
        Console.Error.WriteLine("       RtDenoise.Fuzz repro model|wav|chain FILE|DIR...");
        Console.Error.WriteLine("       RtDenoise.Fuzz fixture model|wav|chain IN OUT");
        Console.Error.WriteLine("       RtDenoise.Fuzz seed DIR");
        return 2;
    }

    public static Action<byte[]> Target(string name) => name switch
    {
        "model" => FuzzTargets.Model,
        "wav" => bytes => FuzzTargets.Wav(bytes, WavPath),
        "chain" => FuzzTargets.Chain,
        _ => throw new ArgumentException($"unknown target '{name}'", nameof(name)),
    };

    private static readonly string WavPath = Path.Combine(Path.GetTempPath(), $"rtdenoise-fuzz-{Environment.ProcessId}.wav");

    private static int Repro(string target, string[] paths)
    {
        Action<byte[]> run = Target(target);
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        int bad = 0;
        foreach (string file in files)
        {
            try
            {
                run(File.ReadAllBytes(file));
                Console.WriteLine($"ok   {file}");
            }
            catch (Exception ex)
            {
                bad++;
                Console.WriteLine($"FAIL {file}: {ex.GetType().FullName}: {ex.Message}");
                Console.WriteLine(ex.StackTrace);
            }
        }

        Console.WriteLine($"{files.Count - bad} of {files.Count} inputs handled");
        return bad == 0 ? 0 : 1;
    }
}
