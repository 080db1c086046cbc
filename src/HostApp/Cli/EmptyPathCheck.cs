using System.CommandLine;
using System.CommandLine.Parsing;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// Refuses an empty path (<c>""</c>, e.g. an unset shell variable) while parsing, as one line with exit 2: .NET's
/// path functions throw <see cref="ArgumentException"/> on it, which no command expects, so it would end in a stack
/// trace.
/// </summary>
public static class EmptyPathCheck
{
    /// <param name="command">The command's name, to say where the empty path was given.</param>
    public static void AddTo(string command, params Argument[] arguments)
    {
        foreach (Argument argument in arguments)
        {
            argument.Validators.Add(r => Check(r, $"{command} {argument.Name.ToUpperInvariant()}"));
        }
    }

    /// <param name="command">The command's name, to say where the empty path was given.</param>
    public static void AddTo(string command, params Option[] options)
    {
        foreach (Option option in options)
        {
            option.Validators.Add(r => Check(r, $"{command} {option.Name}"));
        }
    }

    private static void Check(SymbolResult result, string where)
    {
        if (result.Tokens.Any(t => t.Value.Length == 0))
        {
            result.AddError($"{where}: the path is empty (\"\"); give a file or folder name.");
        }
    }
}
