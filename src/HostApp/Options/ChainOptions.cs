using System.CommandLine;
using RtDenoise.Engine.Chain;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Commands.Plugins;
using RtDenoise.Offline.Chain;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Options;

/// <summary>
/// The `--chain` option: a processor chain as text (`highpass:80,dnn,limiter:-1`) or a JSON file; grammar in
/// <see cref="ChainSpecParser"/>. Mutually exclusive with `--processor`; `--model` feeds its `dnn` element.
/// </summary>
public sealed class ChainOptions
{
    public Option<string?> Chain { get; } = new("--chain")
    {
        Description = "Processor chain instead of --processor: comma-separated dnn[:ATTEN_LIM_DB] | classic | bypass | speex[:DB] | highpass:HZ | gain:DB | limiter[:DB] | ladspa:LIB.so:LABEL[?port=value&...], or a JSON file. Example: \"highpass:80,dnn,limiter:-1\".",
    };

    public void AddTo(Command command) => command.Options.Add(Chain);

    /// <summary>
    /// Null when `--chain` is absent. Otherwise parses and builds the chain once (so a bad spec or plugin fails before
    /// anything is read) and returns a factory of unconfigured chains; build errors become
    /// <see cref="UserInputException"/>. Rate-dependent errors (a cut-off above Nyquist, a bad model) surface when the
    /// caller configures the chain, still before any output exists (CommandGuard reports them).
    /// </summary>
    public Func<int, IAudioProcessor>? Resolve(ParseResult parse, ProcessorOptions processor)
    {
        string? spec = parse.GetValue(Chain);
        if (spec is null)
        {
            return null;
        }

        if (parse.GetValue(processor.Processor) is string p)
        {
            throw new UserInputException($"--chain and --processor '{p}' exclude each other; put the processor in the chain (e.g. --chain \"highpass:80,{p}\").");
        }

        if (parse.GetValue(processor.AttenLim) is float limit)
        {
            throw new UserInputException($"--chain and --atten-lim exclude each other; give the limit in the chain (e.g. --chain \"dnn:{limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}\").");
        }

        FileInfo? model = parse.GetValue(processor.Model);
        if (model is not null && !model.Exists)
        {
            throw new UserInputException($"--model '{model.FullName}' does not exist.");
        }

        var factory = new ChainFactory(model?.FullName);
        IReadOnlyList<ChainElementSpec> elements = Guard(() => ChainSpecParser.ParseArgument(spec));
        RefuseLibrariesThatCrash(elements);
        Guard(() =>
        {
            using ProcessorChain probe = factory.Build(elements); // loads LADSPA libraries, checks labels and ports
            return 0;
        });
        return rate => Guard(() => factory.Build(elements));
    }

    /// <summary>
    /// Each LADSPA library is first loaded in a probe process (<see cref="IsolatedLadspaScan"/>): one that crashes or
    /// hangs while loading is refused here with its name, instead of taking this process down when the chain loads it.
    /// (A plugin that crashes later, inside its run(), still ends the process: audio cannot leave it per block.)
    /// </summary>
    private static void RefuseLibrariesThatCrash(IReadOnlyList<ChainElementSpec> elements)
    {
        foreach (ChainElementSpec e in elements.Where(e => e.Library is not null))
        {
            string path;
            try
            {
                path = LadspaSearchPath.Resolve(e.Library!);
            }
            catch (LadspaLoadException)
            {
                continue; // not found: the chain's own load says so, with the search path
            }

            if (IsolatedLadspaScan.Scan([path]).Skipped.FirstOrDefault(s => s.TookProbeDown) is { } skip)
            {
                throw new UserInputException($"--chain: chain element \"{e.Token}\": {skip}; it is not loaded here.");
            }
        }
    }

    private static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (InvalidChainSpecException ex)
        {
            throw new UserInputException($"--chain: {ex.Message}");
        }
    }
}
