using RtDenoise.Engine.Logging;

namespace RtDenoise.Engine.Tests.Logging;

public class LogTemplateTests
{
    [Fact]
    public void Holes_take_the_arguments_in_order_with_their_formats()
    {
        object?[] args = ["in.wav", 6.0123, 0.01876, null];
        Assert.Equal("in.wav: 6.01 s, RTF 0.0188, null", LogTemplate.Render("{Input}: {Seconds:F2} s, RTF {Rtf:F4}, {Missing}", args));
    }

    [Fact]
    public void Doubled_braces_are_literal_and_missing_arguments_keep_their_hole()
    {
        Assert.Equal("{x} 1 {B}", LogTemplate.Render("{{x}} {A} {B}", [1]));
    }

    [Fact]
    public void Lines_are_written_at_or_above_the_level_only()
    {
        var writer = new StringWriter();
        try
        {
            Log.Configure(LogLevel.Information, writer);
            Log.Debug("hidden {A}", 1);
            Log.Warning("shown {A} {B}", 2, "b");
            Assert.Equal("[WRN] shown 2 b" + Environment.NewLine, writer.ToString());
        }
        finally
        {
            Log.Configure(LogLevel.Off, TextWriter.Null);
        }
    }
}
