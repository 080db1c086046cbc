using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RtDenoise.Offline.Ladspa;

/// <summary>
/// Checks a shared library's ELF headers against the file before <c>dlopen</c> maps it. The loader maps each
/// PT_LOAD segment with mmap(2) and trusts p_offset + p_filesz; in a truncated file those pages lie past the end of
/// the file, and the first access to them (relocation, or the loader reading .dynamic) raises SIGBUS, which kills the
/// process with no message. Checked here: the ELF identification (magic, 64-bit class,
/// little-endian), a shared object for this process's machine, the program header table within the file, and every
/// segment's file extent within the file (System V gABI, "ELF Header" and "Program Header").
/// </summary>
public static class ElfImageCheck
{
    private const int Elf64HeaderSize = 64;
    private const int Elf64PhdrSize = 56;
    private const ushort EtDyn = 3;
    private const ushort EmX8664 = 62;
    private const ushort EmAarch64 = 183;

    /// <summary>Null when <paramref name="path"/> looks loadable, else why not (one phrase, no file name).</summary>
    public static string? Problem(string path)
    {
        using FileStream f = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        long size = f.Length;
        if (size < Elf64HeaderSize)
        {
            return $"it is {size} bytes, shorter than a 64-bit ELF header (truncated?)";
        }

        Span<byte> h = stackalloc byte[Elf64HeaderSize];
        f.ReadExactly(h);
        string? identity = IdentityProblem(h);
        if (identity is not null)
        {
            return identity;
        }

        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(h[32..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(h[54..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(h[56..]);
        if (phnum == 0 || phentsize != Elf64PhdrSize)
        {
            return $"its program header table is malformed ({phnum} entries of {phentsize} bytes)";
        }

        ulong tableBytes = (ulong)phnum * Elf64PhdrSize;
        if (phoff > (ulong)size || tableBytes > (ulong)size - phoff)
        {
            return $"its program header table ({phnum} entries at offset {phoff}) lies beyond the end of the {size}-byte file (truncated?)";
        }

        byte[] table = new byte[tableBytes];
        f.Position = (long)phoff;
        f.ReadExactly(table);
        return SegmentProblem(table, phnum, size);
    }

    private static string? IdentityProblem(ReadOnlySpan<byte> h)
    {
        if (h[0] != 0x7F || h[1] != (byte)'E' || h[2] != (byte)'L' || h[3] != (byte)'F')
        {
            return "it is not an ELF file (no \\x7fELF magic)";
        }

        if (h[4] != 2)
        {
            return $"it is a {(h[4] == 1 ? "32-bit" : $"class-{h[4]}")} ELF file; this process is 64-bit";
        }

        if (h[5] != 1 || !BitConverter.IsLittleEndian)
        {
            return "it is not a little-endian ELF file";
        }

        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(h[16..]);
        if (type != EtDyn)
        {
            return $"it is ELF type {type}, not a shared object (3)";
        }

        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(h[18..]);
        ushort? expected = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => EmX8664,
            Architecture.Arm64 => EmAarch64,
            _ => null,
        };
        return expected is { } m && machine != m
            ? $"it is built for ELF machine {machine}, this process needs {m} ({RuntimeInformation.ProcessArchitecture})"
            : null;
    }

    private static string? SegmentProblem(ReadOnlySpan<byte> table, int count, long size)
    {
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> p = table.Slice(i * Elf64PhdrSize, Elf64PhdrSize);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(p);
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(p[8..]);
            ulong filesz = BinaryPrimitives.ReadUInt64LittleEndian(p[32..]);
            if (filesz > 0 && (offset > (ulong)size || filesz > (ulong)size - offset))
            {
                return $"segment {i} ({(type == 1 ? "PT_LOAD" : $"type 0x{type:x}")}) needs bytes {offset}..{offset + filesz} but the file has {size} (truncated?)";
            }
        }

        return null;
    }
}
