using System.CommandLine;
using System.Diagnostics;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// The hidden, detached side of <see cref="BackgroundCleanup"/>: <c>rtdenoise reap-modules --after-pid PID
/// --seconds S</c> waits until process PID has ended, then removes the modules that run left
/// (<see cref="PulseModules.RemoveLeftBy"/>: only modules carrying the owner mark of PID, never another run's),
/// retrying while the server does not answer, for at most S seconds in all. Exit 0 when none is left, 1 when time
/// ran out.
/// </summary>
internal static class ReapModulesCommand
{
    public const string Name = "reap-modules";

    public static Command Create()
    {
        Option<int> afterPid = new("--after-pid") { Required = true, Description = "Start once this process has ended." };
        Option<int> seconds = new("--seconds") { DefaultValueFactory = _ => BackgroundCleanup.RetrySeconds, Description = "Give up after this long." };
        Command command = new(Name, "Internal: remove the modules a stopped virtual-mic left in a server that did not answer (started by virtual-mic).") { Hidden = true };
        command.Options.Add(afterPid);
        command.Options.Add(seconds);
        command.SetAction(parse =>
        {
            var clock = Stopwatch.StartNew();
            TimeSpan limit = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 3600));
            int pid = parse.GetValue(afterPid);
            while (pid != Environment.ProcessId && OwnerProcess.IsAlive(pid))
            {
                if (clock.Elapsed > limit)
                {
                    return Cli.ExitCodes.Failure;
                }

                Thread.Sleep(100);
            }

            clock.Restart(); // the time limit counts from the owner's end

            while (true)
            {
                try
                {
                    if (PulseModules.RemoveLeftBy(Pactl.Default, pid).Complete)
                    {
                        return Cli.ExitCodes.Ok;
                    }
                }
                catch (VirtualMicException)
                {
                    // the server does not answer yet: try again
                }

                if (clock.Elapsed > limit)
                {
                    return Cli.ExitCodes.Failure;
                }

                Thread.Sleep(500);
            }
        });
        return command;
    }
}
