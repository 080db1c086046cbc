using System.Buffers.Binary;
using RtDenoise.Engine.Ladspa;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.Engine.Tests.Ladspa;

/// <summary>
/// The ELF headers of a plugin library are checked against the file before dlopen, which dies of
/// SIGBUS on a truncated file. Built from a real ELF shared object every test host has: the runtime's libcoreclr.so.
/// </summary>
public sealed class ElfImageCheckTests : IDisposable
{
    private static readonly string RealElf = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libcoreclr.so");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rtd-elf-" + Guid.NewGuid().ToString("N"));

    public ElfImageCheckTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_real_shared_object_passes()
    {
        Assert.True(File.Exists(RealElf), RealElf);
        Assert.Null(ElfImageCheck.Problem(RealElf));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void A_truncated_shared_object_is_refused_naming_the_segment(int keep)
    {
        string p = Write("trunc.so", File.ReadAllBytes(RealElf).AsSpan(0, keep).ToArray());
        string? problem = ElfImageCheck.Problem(p);
        Assert.NotNull(problem);
        Assert.Contains("truncated", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_shorter_than_the_header_is_refused()
    {
        Assert.Contains("shorter than a 64-bit ELF header", ElfImageCheck.Problem(Write("tiny.so", [0x7F, (byte)'E', (byte)'L', (byte)'F'])), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_magic_class_type_or_machine_are_refused()
    {
        byte[] good = File.ReadAllBytes(RealElf);
        Assert.Contains("not an ELF file", Mutated(good, b => b[1] = (byte)'X'), StringComparison.Ordinal);
        Assert.Contains("32-bit", Mutated(good, b => b[4] = 1), StringComparison.Ordinal);
        Assert.Contains("not a shared object", Mutated(good, b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 2)), StringComparison.Ordinal);
        Assert.Contains("ELF machine 40", Mutated(good, b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), 40)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_header_table_beyond_the_file_is_refused()
    {
        byte[] good = File.ReadAllBytes(RealElf);
        Assert.Contains("program header table", Mutated(good, b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(32), (ulong)b.Length - 10)), StringComparison.Ordinal);
        Assert.Contains("program header table", Mutated(good, b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(32), ulong.MaxValue - 8)), StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_truncated_plugin_is_a_load_error_naming_the_file_not_a_crash()
    {
        string p = Write("trunc.so", File.ReadAllBytes(RealElf).AsSpan(0, 1000).ToArray());
        LadspaLoadException ex = Assert.Throws<LadspaLoadException>(() => LadspaLibrary.Load(p));
        Assert.Contains("trunc.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    private string Mutated(byte[] good, Action<byte[]> change)
    {
        byte[] b = (byte[])good.Clone();
        change(b);
        return ElfImageCheck.Problem(Write("m.so", b)) ?? "(accepted)";
    }

    private string Write(string name, byte[] bytes)
    {
        string p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public async Task A_fifo_is_refused_by_kind_without_blocking()
    {
        string message = await FifoRefusal.MessageOf<LadspaLoadException>(Path.Combine(_dir, "fifo.so"), f => LadspaLibrary.Load(f).Dispose());
        Assert.Contains("is a FIFO or socket, not a regular file", message, StringComparison.Ordinal);
    }
}
