namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// The tests that run rtdenoise against a sound server run one at a time (one xunit collection): they compare the
/// server's module list before and after, which a parallel test's modules would disturb, and several live
/// instances at once on a 2-core machine under load stall the audio path (callback watchdog faults).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SoundServerCollection
{
    public const string Name = "sound server";
}
