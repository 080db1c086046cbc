namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// The virtual-mic tests that compare the server's module list run one at a time (one xunit collection), so they do
/// not see each other's modules; tests of other classes may still load modules meanwhile, hence
/// <see cref="AssertStillLoaded"/> rather than equality.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SoundServerCollection
{
    public const string Name = "sound server modules";

    /// <summary>Every module line of <paramref name="before"/> (`pactl list short modules`) is still there, unchanged.</summary>
    public static void AssertStillLoaded(string before)
    {
        var now = LiveAudioEnvironment.Pactl("list", "short", "modules").Split('\n').ToHashSet();
        foreach (string line in before.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(now.Contains(line), $"module removed or changed: {line}");
        }
    }
}
