using System.Globalization;
using RtDenoise.Engine.Live;
using Xunit;

namespace RtDenoise.Engine.Tests.Live;

public sealed class RealtimeSchedulingTests
{
    /// <summary>
    /// On a throw-away thread: where permitted (root, as in CI) the thread's policy in /proc becomes SCHED_FIFO (1)
    /// with the requested priority; where not, the call says why (EPERM) and the policy stays SCHED_OTHER (0).
    /// </summary>
    [Fact]
    public void RaisesTheCallingThreadOrSaysWhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("SCHED_FIFO is Linux-only");
        }

        string? whyNot = "not run";
        int policy = -1, rtPriority = -1;
        var thread = new Thread(() =>
        {
            whyNot = RealtimeScheduling.TryRaiseCurrentThread(RealtimeScheduling.EnginePriority);
            (policy, rtPriority) = ReadPolicy();
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));

        if (whyNot is null)
        {
            Assert.Equal(1, policy);
            Assert.Equal(RealtimeScheduling.EnginePriority, rtPriority);
        }
        else
        {
            Assert.Contains("SCHED_FIFO", whyNot, StringComparison.Ordinal);
            Assert.Equal(0, policy);
        }
    }

    /// <summary>Fields 40 (rt_priority) and 41 (policy) of /proc/thread-self/stat, counted after the ")" of comm.</summary>
    private static (int Policy, int RtPriority) ReadPolicy()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // rest[0] is field 3 (state), so field n is rest[n - 3].
        return (int.Parse(rest[41 - 3], CultureInfo.InvariantCulture), int.Parse(rest[40 - 3], CultureInfo.InvariantCulture));
    }
}
