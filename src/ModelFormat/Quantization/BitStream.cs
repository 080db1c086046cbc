namespace RtDenoise.ModelFormat.Quantization;

/// <summary>
/// Tight little-endian bit packing of b-bit codes (b = 2..8), the on-disk form of every quantized format.
/// </summary>
/// <remarks>
/// Code i occupies stream bits [i·b, (i+1)·b); stream bit k is bit (k mod 8) of byte k/8 (LSB first).
/// Example, b = 3, codes c0..c5 (bit 0 of each code on the right):
/// <code>
///   byte 0: c2[1:0] c1[2:0] c0[2:0]      (bits 7..0)
///   byte 1: c5[0] c4[2:0] c3[2:0] c2[2]
///   byte 2: 0 0 0 0 0 0 c5[2:1]          (unused high bits of the last byte must be zero)
/// </code>
/// </remarks>
public static class BitStream
{
    public static long PackedBytes(long count, int bits) => (count * bits + 7) / 8;

    public static void Pack(ReadOnlySpan<byte> codes, int bits, Span<byte> destination)
    {
        long need = PackedBytes(codes.Length, bits);
        if (destination.Length < need)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, {need} needed", nameof(destination));
        }

        destination[..(int)need].Clear();
        ulong acc = 0;
        int filled = 0, o = 0;
        uint mask = (1u << bits) - 1;
        foreach (byte c in codes)
        {
            acc |= (ulong)(c & mask) << filled;
            filled += bits;
            while (filled >= 8)
            {
                destination[o++] = (byte)acc;
                acc >>= 8;
                filled -= 8;
            }
        }

        if (filled > 0)
        {
            destination[o] = (byte)acc;
        }
    }

    /// <summary>Unpacks <paramref name="codes"/>.Length codes; returns false if the padding bits are not zero.</summary>
    public static bool Unpack(ReadOnlySpan<byte> source, int bits, Span<byte> codes)
    {
        long need = PackedBytes(codes.Length, bits);
        if (source.Length < need)
        {
            throw new ArgumentException($"source holds {source.Length} bytes, {need} needed", nameof(source));
        }

        ulong acc = 0;
        int have = 0, i = 0;
        uint mask = (1u << bits) - 1;
        for (int n = 0; n < codes.Length; n++)
        {
            if (have < bits)
            {
                acc |= (ulong)source[i++] << have;
                have += 8;
            }

            codes[n] = (byte)(acc & mask);
            acc >>= bits;
            have -= bits;
        }

        return acc == 0;
    }
}
