using RtDenoise.Fuzz;

namespace RtDenoise.Engine.Tests.Fuzz;

/// <summary>
/// Every input in Fixtures/fuzz/TARGET that AFL++ found crashing or hanging (scripts/fuzz.sh) is fed to that target
/// through the harness's own targets (tests/Fuzz/FuzzTargets.cs, linked here), and may only be rejected with the target's own exception type. Model fixtures are
/// stored as the harness parses them (trailing checksum recomputed: `RtDenoise.Fuzz fixture model IN OUT`).
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz");

    [Fact]
    public void Model_inputs_only_raise_InvalidModelException() => AssertOnlyAllowed("model", FuzzTargets.Model);

    [Fact]
    public void Wav_inputs_only_raise_InvalidAudioFileException() =>
        AssertOnlyAllowed("wav", bytes =>
        {
            string path = Path.Combine(Path.GetTempPath(), $"rtdenoise-fuzz-test-{Guid.NewGuid():N}.wav");
            try
            {
                FuzzTargets.Wav(bytes, path);
            }
            finally
            {
                File.Delete(path);
            }
        });

    [Fact]
    public void Chain_inputs_only_raise_InvalidChainSpecException() => AssertOnlyAllowed("chain", FuzzTargets.Chain);

    private static void AssertOnlyAllowed(string target, Action<byte[]> run)
    {
        string dir = Path.Combine(FixtureRoot, target);
        string[] files = Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray() : [];
        var failures = new List<string>();
        foreach (string file in files)
        {
            var task = Task.Run(() => run(File.ReadAllBytes(file)));
            try
            {
                // A hang AFL found must now end: generous, as the suite may run on a loaded machine.
                if (!task.Wait(TimeSpan.FromSeconds(30)))
                {
                    failures.Add($"{Path.GetFileName(file)}: still running after 30 s");
                }
            }
            catch (AggregateException ex)
            {
                Exception e = ex.InnerException ?? ex;
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(failures);
    }
}
