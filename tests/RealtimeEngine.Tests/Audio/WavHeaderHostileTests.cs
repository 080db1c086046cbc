using RtDenoise.Offline.Audio;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>
/// Hostile and malformed WAV headers: each is refused with <see cref="InvalidAudioFileException"/> naming the file and
/// the field, before anything is allocated from a declared size; none is silently misread.
/// </summary>
public sealed class WavHeaderHostileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-wavhdr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0x40000000u)]
    [InlineData(0x80000000u)]
    [InlineData(0xFFFFFFF0u)]
    public void Rf64_ds64_chunk_size_is_bounded_not_allocated(uint ds64Size)
    {
        byte[] file = new WavBytes("RF64").Ds64(ds64Size, 3200).Fmt(1, 1, 16000, 16).Chunk("data", 0xFFFFFFFF, WavBytes.Pcm16(1600)).ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        string message = Refused(file);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "a declared size was allocated");
        Assert.Contains("ds64", message);
    }

    [Theory]
    [InlineData(0x40000000L)]
    [InlineData(0x80000000L)]
    public void Rf64_data_size_beyond_the_file_is_truncation(long dataSize)
    {
        byte[] file = new WavBytes("RF64").Ds64(28, dataSize).Fmt(1, 1, 16000, 16).Chunk("data", 0xFFFFFFFF, WavBytes.Pcm16(1600)).ToArray();
        Assert.Contains("truncated", Refused(file));
    }

    [Fact]
    public void Rf64_negative_data_size_is_refused()
    {
        byte[] file = new WavBytes("RF64").Ds64(28, -2).Fmt(1, 1, 16000, 16).Chunk("data", 0xFFFFFFFF, WavBytes.Pcm16(1600)).ToArray();
        Assert.Contains("negative data size", Refused(file));
    }

    [Fact]
    public void Rf64_with_ds64_is_read()
    {
        byte[] file = new WavBytes("RF64").Ds64(28, 3200).Fmt(1, 1, 16000, 16).Chunk("data", 0xFFFFFFFF, WavBytes.Pcm16(1600)).ToArray();
        string path = Write(file);
        float[][] x = WavReader.ReadAllChannels(path, out int rate);
        Assert.Equal(16000, rate);
        Assert.Equal(1600, x[0].Length);
        Assert.Equal(999 / 32768f, x[0][999]);
    }

    [Fact]
    public void Two_data_chunks_are_refused()
    {
        byte[] file = new WavBytes().Fmt(1, 1, 16000, 16).Data(WavBytes.Pcm16(1600)).Data(WavBytes.Pcm16(800)).ToArray();
        Assert.Contains("second data chunk", Refused(file));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(65535)]
    public void Extensible_valid_bits_outside_the_container_are_refused(int validBits)
    {
        byte[] file = new WavBytes().FmtExtensible(1, 16000, 32, validBits).Data(new byte[6400]).ToArray();
        Assert.Contains($"valid bits {validBits} is outside 1..32", Refused(file));
    }

    [Theory]
    [InlineData(1, 16, 0, "block align 0")]
    [InlineData(1, 0, 2, "0 bits")]
    [InlineData(0, 16, 2, "0 channels")]
    public void Zero_fields_get_a_message_not_a_division_by_zero(int channels, int bits, int blockAlign, string expected)
    {
        byte[] file = new WavBytes().Fmt(1, channels, 16000, bits, blockAlign).Data(WavBytes.Pcm16(1600)).ToArray();
        string message = Refused(file);
        Assert.Contains(expected, message);
        Assert.DoesNotContain("divide", message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(3999)]
    [InlineData(384001)]
    public void Rate_outside_the_engine_range_names_the_file_and_the_range(int rate)
    {
        byte[] file = new WavBytes().Fmt(1, 1, rate, 16).Data(WavBytes.Pcm16(1600)).ToArray();
        string message = Refused(file);
        Assert.Contains($"{SampleRateRange.MinHz}..{SampleRateRange.MaxHz} Hz", message);
        Assert.Contains("in.wav", message);
    }

    [Fact]
    public async Task Fifo_is_refused_by_kind_without_blocking()
    {
        string message = await FifoRefusal.MessageOf<InvalidAudioFileException>(Path.Combine(_dir, "fifo.wav"), f => WavReader.Open(f).Dispose());
        Assert.Contains("FIFO", message);
    }

    [Fact]
    public void Device_is_refused_by_kind()
    {
        string message = Assert.Throws<InvalidAudioFileException>(() => WavReader.Open("/dev/zero")).Message;
        Assert.Contains("a device, not a regular file", message);
    }

    private string Write(byte[] file)
    {
        string path = Path.Combine(_dir, "in.wav");
        File.WriteAllBytes(path, file);
        return path;
    }

    private string Refused(byte[] file)
    {
        string path = Write(file);
        return Assert.Throws<InvalidAudioFileException>(() => WavReader.ReadAllChannels(path, out _)).Message;
    }
}
