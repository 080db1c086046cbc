using RtDenoise.Engine.Model;

namespace RtDenoise.Engine.Tests.Model;

/// <summary>A model file is parsed once per process (batch mode loads it once) and read again when rewritten.</summary>
public sealed class LoadedModelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtdenoise-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_same_file_gives_the_same_instance_and_a_rewritten_one_a_new_instance()
    {
        string shipped = Path.Combine(KernelPathDenoising.RepoRoot(), "models", "denoiser.rtm");
        string copy = Path.Combine(_dir, "m.rtm");
        File.Copy(shipped, copy);
        RtmModel a = LoadedModels.Get(copy);
        Assert.Same(a, LoadedModels.Get(copy));
        Assert.Same(a, LoadedModels.Get(Path.Combine(_dir, ".", "m.rtm")));

        File.Copy(Path.Combine(KernelPathDenoising.RepoRoot(), "models", "denoiser-fp32.rtm"), copy, overwrite: true);
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddMinutes(1));
        RtmModel b = LoadedModels.Get(copy);
        Assert.NotSame(a, b);
        Assert.NotEqual(a.WeightBytes, b.WeightBytes);
    }

    [Fact]
    public void A_bad_file_throws_every_time_and_is_not_remembered()
    {
        string bad = Path.Combine(_dir, "bad.rtm");
        File.WriteAllText(bad, "not a model");
        Assert.Throws<InvalidModelException>(() => LoadedModels.Get(bad));
        Assert.Throws<InvalidModelException>(() => LoadedModels.Get(bad));
    }
}
