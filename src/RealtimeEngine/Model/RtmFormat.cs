using RtDenoise.Engine.Stft;

namespace RtDenoise.Engine.Model;

/// <summary>
/// Constants of the <c>.rtm</c> model file. Little-endian throughout.
/// </summary>
/// <remarks>
/// <code>
///  offset  size   field
///  ------  -----  ---------------------------------------------------------------------------------------
///       0      8  magic "RTDNMODL" (ASCII)
///       8      4  u32 format version (= 2; version 1 files, whose features were kind 1 only, are refused by name)
///      12      4  u32 header size in bytes (= 128)
///      16      4  u32 sample rate, Hz
///      20      4  u32 FFT size F (power of two)
///      24      4  u32 window length N (≤ F; frames are zero-padded to F)
///      28      4  u32 hop H (N/2 or N/4)
///      32      4  u32 window kind (1 = periodic sqrt-Hann analysis and synthesis)
///      36      4  u32 context frames C (current frame + C−1 past frames)
///      40      4  u32 feature kind (1 = ln(re² + im² + 1e-12) per bin, unscaled FFT; 2 = the same relative to a
///                  running level, plus the a-posteriori SNR against a minimum-statistics noise estimate: SpectralFeatures)
///      44      4  u32 output kind (1 = gain mask g = (floor + (1 − floor)·σ(z))^γ)
///      48      4  f32 gain floor (linear, 0 &lt; floor &lt; 1)
///      52      4  u32 layer count L
///      56      8  u64 total file length in bytes, checksum included
///      64      4  f32 gain exponent γ (0 &lt; γ ≤ 4; 1 = the trained mask; &lt; 1 softens it, calibrated after training)
///      68      4  f32 level time constant τ, seconds (kind 2: 0.05..60; kind 1: 0)
///      72      4  f32 default attenuation limit, dB (1..100; 100 = unlimited), chosen on validation for this model
///      76     52  reserved, zero
///     128    4·K  f32 mean[K]   K = C·(F/2 + 1) (kind 1) or (C + 1)·(F/2 + 1) (kind 2); feature i = j·bins + k is
///                  bin k of frame t−j; kind 2's last F/2 + 1 features are the a-posteriori SNR
///  128+4K    4·K  f32 std[K]    (features are (x − mean)/std)
/// 128+8K   48·L  layer table, one 48-byte entry per layer:
///                   +0  u32 in      +4  u32 out      +8  u32 activation (0 linear, 1 ReLU, 2 sigmoid)
///                   +12 u32 reserved (= 0)
///                   +16 char[16] format, ASCII [a-z0-9_&lt;&gt;], NUL-padded ("fp32", later "vbs4", "int4"...)
///                   +32 u64 payload offset (from file start, multiple of 64)
///                   +40 u64 payload length in bytes
///       …         zero padding to a multiple of 64
///       …         payloads in layer order, each 64-byte aligned, zero padding between them
///   len−8      8  u64 XxHash64 (seed 0) of bytes [0, len − 8)
/// </code>
/// <para>An <c>fp32</c> payload is W (out × in, row-major f32) followed by the bias b (out × f32). Payloads of
/// the quantized formats (<c>fixed&lt;b&gt;</c>, <c>vbs&lt;b&gt;…</c>, <c>int&lt;b&gt;…</c>, <c>lut&lt;b&gt;…</c>, the names of
/// <c>WeightFormat</c>) are the tight <c>QuantizedMatrix</c> payload (metadata, then the codes bit-packed row-major)
/// followed by the bias (out × f32):</para>
/// <code>
///   +0                 QuantizedMatrix payload (StorageBytes: per-layer/per-group metadata | packed codes)
///   +StorageBytes      f32 bias[out]
/// </code>
/// <para>The loader parses and validates every quantized payload (format name, exact length for the shape, metadata,
/// finite bias); the processor repacks the codes once into the kernels' layout.</para>
/// </remarks>
public static class RtmFormat
{
    public const int HeaderSize = 128;
    public const int LayerEntrySize = 48;
    public const int FormatFieldSize = 16;
    public const int ChecksumSize = 8;
    public const int PayloadAlignment = 64;
    public const uint Version = 2;

    // Limits on what a model may declare, checked before anything is allocated from it. The shipped float model
    // (models/denoiser-fp32.rtm) is 1.2 MB, 305,856 weights and 38 million multiply-adds per second of audio; each
    // limit leaves room for models about ten times larger, and refuses the ones that could not run in real time
    // (a 17 MB model ran 10× slower than real time) or would take gigabytes once loaded per channel.

    /// <summary>Largest model file read (26× the shipped float model).</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    public const int MaxLayers = 16;
    public const int MaxLayerWidth = 4096;
    public const int MaxContextFrames = 64;

    /// <summary>Most weights (Σ in × out over the layers) a model may hold (13× the shipped model).</summary>
    public const long MaxWeights = 4L * 1024 * 1024;

    /// <summary>Most multiply-adds per second of audio (weights × frames per second; 10× the shipped model),
    /// so one channel stays well inside one core's real time.</summary>
    public const long MaxMultiplyAddsPerSecond = 400_000_000;

    /// <summary>Largest FFT size, window and hop, in samples.</summary>
    public const int MaxFftSize = 4096;

    public const uint WindowSqrtHannPeriodic = 1;
    public const uint FeatureLogPower = 1;
    public const uint FeatureLevelNormalisedNoiseAware = 2;

    /// <summary>Attenuation limit meaning "no limit": the value the STFT applies as none, so a model's stored
    /// default means what the processor does with it.</summary>
    public const float NoAttenuationLimitDb = AttenuationLimit.NoneDb;
    public const uint OutputGainMask = 1;

    public const string FormatFp32 = "fp32";

    public static ReadOnlySpan<byte> Magic => "RTDNMODL"u8;

    /// <summary>Rounds up to the payload alignment.</summary>
    public static long Align(long offset) => (offset + PayloadAlignment - 1) / PayloadAlignment * PayloadAlignment;
}
