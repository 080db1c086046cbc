using RtDenoise.Engine.Live;
using RtDenoise.Engine.PortAudio;

namespace RtDenoise.Engine.Tests.Live;

/// <summary>
/// The callback-progress watchdog that ends a live run whose device vanished without PortAudio saying so: a stream
/// that stops after running steadily is a fault after <see cref="LiveSession.StallTimeout"/>; a stream still in its
/// irregular start-up (a priming burst, then a gap that a loaded machine stretches past the grace period) is judged
/// only by <see cref="LiveSession.StartupTimeout"/>.
/// </summary>
public sealed class ProgressWatchTests
{
    private static readonly DeviceSelection Device = new(0, "pulse:DEVICE=x", "x");

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void A_start_up_gap_past_the_grace_period_is_not_a_stall()
    {
        var watch = new LiveSession.ProgressWatch("output", Device);
        Assert.Null(watch.Check(25, Ms(100))); // priming burst
        Assert.Null(watch.Check(25, Ms(3000))); // still silent when the grace ends: 2.9 s without callbacks
        Assert.Null(watch.Check(25, Ms(4000)));
        Assert.Null(watch.Check(40, Ms(4200))); // the plugin really starts
        Assert.Null(watch.Check(60, Ms(4400)));
    }

    [Fact]
    public void A_steady_stream_that_stops_is_a_stall_after_the_timeout()
    {
        var watch = new LiveSession.ProgressWatch("output", Device);
        Assert.Null(watch.Check(25, Ms(100)));
        Assert.Null(watch.Check(300, Ms(3100)));
        Assert.Null(watch.Check(300, Ms(3100 + LiveSession.StallTimeout.TotalMilliseconds - 10)));
        string? fault = watch.Check(300, Ms(3100 + LiveSession.StallTimeout.TotalMilliseconds + 10));
        Assert.NotNull(fault);
        Assert.Contains("stopped delivering callbacks", fault, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_that_never_gets_going_fails_at_the_start_up_timeout()
    {
        var watch = new LiveSession.ProgressWatch("input", Device);
        Assert.Null(watch.Check(3, Ms(100)));
        Assert.Null(watch.Check(3, LiveSession.StartupTimeout - Ms(10)));
        string? fault = watch.Check(3, LiveSession.StartupTimeout + Ms(10));
        Assert.NotNull(fault);
        Assert.Contains("delivered only 3 callbacks", fault, StringComparison.Ordinal);
    }
}
