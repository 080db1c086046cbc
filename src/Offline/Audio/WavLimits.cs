namespace RtDenoise.Offline.Audio;

/// <summary>
/// What the WAV reader accepts beyond the format itself; each bounds what a hostile header could make us allocate or
/// loop over. The sample-rate range is the engine's (<see cref="RtDenoise.Engine.SampleRateRange"/>).
/// </summary>
public static class WavLimits
{
    /// <summary>Most channels a file may declare (32,767 declared channels took 94 s and 10.9 GB before this bound).</summary>
    public const int MaxChannels = 64;

    /// <summary>Largest fmt chunk read: WAVE_FORMAT_EXTENSIBLE needs 40 bytes; the rest is room for writers that pad.</summary>
    public const int MaxFormatChunkBytes = 1024;

    /// <summary>Largest RF64 ds64 chunk read: 28 bytes plus a table of 12-byte entries for chunks beyond 4 GiB.</summary>
    public const int MaxDs64ChunkBytes = 4096;

    /// <summary>Most chunks walked in one file (real files hold a handful; millions of empty ones are a slow-read bomb).</summary>
    public const int MaxChunks = 4096;
}
