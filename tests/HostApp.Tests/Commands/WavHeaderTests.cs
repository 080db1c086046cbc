using System.Buffers.Binary;
using System.Text;
using RtDenoise.Offline.Audio;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>Block align 0 is bad input; WAVE_FORMAT_EXTENSIBLE (24-bit, 3+ channels) is read.</summary>
public sealed class WavHeaderTests
{
    [Theory]
    [InlineData("denoise")]
    [InlineData("metrics")]
    public void Block_align_zero_is_exit_2_in_one_line(string command)
    {
        using var dir = new TempDir();
        string path = dir.File("ba0.wav");
        WavWriter.WriteAll(path, [new float[8000]], 16000, SampleEncoding.Pcm16);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 0); // fmt block align
        File.WriteAllBytes(path, bytes);
        CliRunner.Result r = CliRunner.Run(command, path, path);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}; stderr: {r.StdErr}");
        Assert.Contains("ba0.wav", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.Equal(["ba0.wav"], dir.Entries());
    }

    [Theory]
    [InlineData(1, 24)]
    [InlineData(3, 16)]
    public void Extensible_pcm_is_denoised(int channels, int bits)
    {
        using var dir = new TempDir();
        string path = dir.File("ext.wav");
        File.WriteAllBytes(path, ExtensiblePcm(16000, channels, bits, frames: 16000));
        CliRunner.Result r = CliRunner.Run("denoise", path, dir.File("out.wav"), "--processor", "bypass");
        Assert.True(r.ExitCode == 0, r.StdErr);
        float[][] y = WavReader.ReadAllChannels(dir.File("out.wav"), out int rate);
        Assert.Equal(16000, rate);
        Assert.Equal(channels, y.Length);
        Assert.Equal(16000, y[0].Length);
    }

    private static byte[] ExtensiblePcm(int rate, int channels, int bits, int frames)
    {
        int blockAlign = channels * bits / 8;
        int dataBytes = frames * blockAlign;
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Encoding.ASCII.GetBytes("RIFF"));
        w.Write(4 + 8 + 40 + 8 + dataBytes);
        w.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
        w.Write(40);
        w.Write((ushort)0xFFFE);
        w.Write((ushort)channels);
        w.Write(rate);
        w.Write(rate * blockAlign);
        w.Write((ushort)blockAlign);
        w.Write((ushort)bits);
        w.Write((ushort)22);
        w.Write((ushort)bits);
        w.Write(0);
        w.Write(new Guid("00000001-0000-0010-8000-00aa00389b71").ToByteArray());
        w.Write(Encoding.ASCII.GetBytes("data"));
        w.Write(dataBytes);
        var rng = new Random(1);
        var data = new byte[dataBytes];
        rng.NextBytes(data);
        w.Write(data);
        w.Flush();
        return ms.ToArray();
    }

    [Theory]
    [InlineData(32767, 16000)]
    [InlineData(1, 1)]
    public void Headers_declaring_absurd_channels_or_rates_are_refused_at_once(int channels, int rate)
    {
        // Without limits, 32,767 channels took 94 s and 10.9 GB; 1 Hz made `metrics` take 39.6 s and 5.1 GB.
        using var dir = new TempDir();
        string path = dir.File("bomb.wav");
        WavWriter.WriteAll(path, [new float[16000]], 16000, SampleEncoding.Pcm16);
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(28), (uint)(rate * 2 * channels));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), (ushort)(2 * channels));
        File.WriteAllBytes(path, bytes);
        CliRunner.Result r = CliRunner.Run("metrics", path, path);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}; stderr: {r.StdErr}");
        Assert.Contains("outside what rtdenoise reads", r.StdErr);
    }
}
