using System.CommandLine;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Options the user actually typed, as opposed to those holding their default: what a mode that would ignore an
/// option checks before refusing it (one clear message rather than silence).
/// </summary>
public static class GivenOptions
{
    /// <summary>The first of <paramref name="options"/> given on the command line, or null.</summary>
    public static Option? FirstGiven(this ParseResult parse, params ReadOnlySpan<Option> options)
    {
        foreach (Option o in options)
        {
            if (parse.GetResult(o) is { Implicit: false })
            {
                return o;
            }
        }

        return null;
    }
}
