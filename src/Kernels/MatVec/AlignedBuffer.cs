using System.Runtime.InteropServices;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// Zero-initialised native memory aligned to 64 bytes (one cache line, one AVX-512 vector), freed by the
/// SafeHandle's release. Kernels read it through <see cref="Pointer"/> while holding a reference
/// (<see cref="SafeHandle.DangerousAddRef"/>), so a concurrent Dispose cannot free memory under them.
/// </summary>
public sealed unsafe class AlignedBuffer : SafeHandle
{
    public const int Alignment = 64;

    public AlignedBuffer(long bytes)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Length = bytes;
        nuint size = (nuint)Math.Max(bytes, Alignment);
        void* p = NativeMemory.AlignedAlloc(size, Alignment);
        NativeMemory.Clear(p, size);
        SetHandle((IntPtr)p);
    }

    public long Length { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public byte* Pointer => (byte*)handle;

    public Span<byte> AsSpan() => new(Pointer, checked((int)Length));

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
