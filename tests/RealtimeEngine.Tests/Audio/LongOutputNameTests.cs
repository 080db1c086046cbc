using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>Any output name the file system accepts (up to NAME_MAX, 255 bytes) can be written: the temporary file
/// beside it must not be longer than the name (names over about 211 bytes used to fail with "File name too long").</summary>
public sealed class LongOutputNameTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-longname-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(212)]
    [InlineData(255)]
    public void An_output_name_up_to_name_max_is_written(int nameBytes)
    {
        string name = new string('a', nameBytes - 4) + ".wav";
        string path = Path.Combine(_dir, name);
        WavWriter.WriteAll(path, [new float[1600]], 16000);
        Assert.Equal(1600, WavReader.ReadAllChannels(path, out _)[0].Length);
        Assert.Equal([name], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_multibyte_name_near_name_max_is_written()
    {
        string name = string.Concat(Enumerable.Repeat("é", 125)) + ".wav"; // 250 + 4 bytes in UTF-8
        string path = Path.Combine(_dir, name);
        WavWriter.WriteAll(path, [new float[1600]], 16000);
        Assert.True(File.Exists(path));
    }
}
