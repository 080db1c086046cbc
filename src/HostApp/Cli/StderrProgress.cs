using Spectre.Console;

namespace RtDenoise.HostApp.Cli;

/// <summary>
/// A Spectre.Console progress bar on stderr, shown only when stderr is a terminal and the caller wants it;
/// otherwise the work runs silently (scripts, pipes, CI logs stay clean).
/// </summary>
public static class StderrProgress
{
    public static bool StderrIsTerminal => !Console.IsErrorRedirected;

    public static T Run<T>(string description, bool show, Func<Action<double>, T> work)
    {
        if (!show || !StderrIsTerminal)
        {
            return work(_ => { });
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(description, maxValue: 1.0);
                result = work(f => task.Value = f);
                task.Value = 1.0;
            });
        return result;
    }
}
