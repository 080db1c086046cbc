using RtDenoise.Engine.Model;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>`rtdenoise quantize --finetune` argument errors: exit code 2, one clear line, no output file.</summary>
public sealed class QuantizeFineTuneArgumentTests
{
    [Fact]
    public void Finetune_without_data_is_a_clear_error()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), QuantizeCommandTests.SmallFloatModel());
        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "vbs3", "--finetune");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--finetune needs --data", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.Equal(["f.rtm"], dir.Entries());
    }

    [Fact]
    public void Data_without_finetune_is_a_clear_error()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), QuantizeCommandTests.SmallFloatModel());
        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "vbs3", "--data", dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("only with --finetune", r.StdErr);
        Assert.Equal(["f.rtm"], dir.Entries());
    }

    [Theory]
    [InlineData(null, "no MANIFEST.tsv")]
    [InlineData("not a manifest\n", "could not be read")]
    [InlineData("file\tduration_s\tkind\tcategory\tsource\tsource_path\tlicence\tspeaker_id\tnote\nspeech/x/missing.wav\t1.0\tspeech\tvctk\ts\tp\tCC0\tp1\t\n", "could not be read")]
    public void Unreadable_data_is_a_clear_error(string? manifest, string fragment)
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), QuantizeCommandTests.SmallFloatModel());
        string data = Directory.CreateDirectory(dir.File("data")).FullName;
        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(data, "MANIFEST.tsv"), manifest);
        }

        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "vbs3", "--finetune", "--data", data);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(fragment, r.StdErr);
        Assert.Contains("--data", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.Equal(["data", "f.rtm"], dir.Entries().Order());
    }

    [Theory]
    [InlineData("--finetune-epochs", "0")]
    [InlineData("--finetune-lr", "-1")]
    public void Bad_finetune_settings_are_clear_errors(string option, string value)
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), QuantizeCommandTests.SmallFloatModel());
        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "vbs3", "--finetune", "--data", dir.Path, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.StdErr);
        Assert.Equal(["f.rtm"], dir.Entries());
    }
}
