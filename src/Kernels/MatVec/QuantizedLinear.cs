using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.MatVec;

/// <summary>
/// A fully connected layer <c>y = act(W·x + b)</c> running straight from packed low-bit weights
/// (<see cref="PackedWeights"/>), never expanded to float.
/// </summary>
/// <remarks>
/// <para>Per call: (1) each input frame is quantized to int8 with its own scale sx
/// (<see cref="ActivationQuantizer"/>); (2) the path's kernel computes, for every frame, row and segment, the
/// exact int32 dot Σ level(code)·xq — integer arithmetic only, so all paths agree bit for bit;
/// (3) one shared scalar epilogue forms <c>y = act(sx · Σ_seg scale_seg · dot_seg + b)</c> in a fixed order.
/// Because steps 1 and 3 are the same IEEE operations on every path, <b>every path returns bit-identical
/// output</b> (no tolerance needed). The approximation versus the float matrix product is the int8 rounding of
/// the activations: |error| ≤ ½·sx·Σ|w| per output.</para>
/// <para>Zero allocations per call; scratch for up to <see cref="MaxBatch"/> frames is allocated at
/// construction. Not thread-safe (one instance per stream), like the FFT.</para>
/// </remarks>
public sealed unsafe partial class QuantizedLinear : IDisposable
{
    private readonly PackedWeights _w;
    private readonly float[] _bias;
    private readonly AlignedBuffer _xq;
    private readonly AlignedBuffer _dots;
    private readonly float[] _xScale;
    private readonly AlignedBuffer _xSums;
    private KernelPath _path;
    private DotKernels _kernels;

    public QuantizedLinear(QuantizedMatrix weights, ReadOnlySpan<float> bias, Activation activation, int maxBatch = 8)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (bias.Length != weights.Rows)
        {
            throw new ArgumentException($"bias has {bias.Length} entries, the matrix {weights.Rows} rows", nameof(bias));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _w = new PackedWeights(weights);
        _bias = bias.ToArray();
        Activation = activation;
        MaxBatch = maxBatch;
        Format = weights.Format;
        _xq = new AlignedBuffer((long)maxBatch * _w.PaddedCols);
        _dots = new AlignedBuffer((long)maxBatch * _w.Rows * _w.Segments * sizeof(int));
        _xScale = new float[maxBatch];
        _xSums = new AlignedBuffer((long)_w.Segments * sizeof(int));
        Path = KernelDispatch.Selected;
    }

    public WeightFormat Format { get; }

    public int InputSize => _w.Cols;

    public int OutputSize => _w.Rows;

    public int MaxBatch { get; }

    public Activation Activation { get; }

    public PackedWeights Weights => _w;

    /// <summary>
    /// The path the overloads without a path run: <see cref="KernelDispatch.Selected"/> until
    /// <see cref="KernelPlanner"/> pins the layer's measured fastest. Setting it resolves the path's kernels for
    /// this layer's code width once (<see cref="DotKernels"/>); an unsupported path throws
    /// <see cref="PlatformNotSupportedException"/>.
    /// </summary>
    public KernelPath Path
    {
        get => _path;
        set
        {
            _kernels = DotKernels.For(value, _w.CodeBits);
            _path = value;
        }
    }

    /// <summary>One frame through <see cref="Path"/>.</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y) => Forward(x, y, 1, _path);

    /// <summary><paramref name="batch"/> frames: x is batch × InputSize, y is batch × OutputSize (row-major).</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y, int batch) => Forward(x, y, batch, _path);

    /// <summary>Runs one named path (tests, benchmarks); throws <see cref="PlatformNotSupportedException"/> if the CPU lacks it.</summary>
    /// <remarks>
    /// <c>AggressiveOptimization</c> here and on <see cref="Epilogue"/>: <see cref="KernelPlanner"/> times layers at
    /// load, before tiered compilation would promote these from tier 0, and tier-0 code around a 1.5 µs kernel
    /// would swamp the differences between paths it is there to see.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> x, Span<float> y, int batch, KernelPath path)
    {
        if (batch < 1 || batch > MaxBatch || x.Length != batch * InputSize || y.Length < batch * OutputSize)
        {
            ThrowHelper.LayerShape(Format.ToString(), OutputSize, InputSize, MaxBatch, batch, x.Length, y.Length);
        }

        DotKernels kernels = path == _path ? _kernels : DotKernels.For(path, _w.CodeBits);

        bool added = false;
        _w.CodeBuffer.DangerousAddRef(ref added);
        try
        {
            int kp = _w.PaddedCols;
            sbyte* xq = (sbyte*)_xq.Pointer;
            for (int f = 0; f < batch; f++)
            {
                ReadOnlySpan<float> frame = x.Slice(f * InputSize, InputSize);
                _xScale[f] = path == KernelPath.Scalar
                    ? ActivationQuantizer.QuantizeScalar(frame, xq + (f * kp))
                    : ActivationQuantizer.Quantize(frame, xq + (f * kp));
            }

            var job = new DotJob
            {
                Codes = _w.CodeBuffer.Pointer,
                Tables = (sbyte*)_w.TableBuffer.Pointer,
                Rows = _w.Rows,
                PaddedCols = kp,
                RowBytes = _w.RowBytes,
                BlocksPerRow = _w.BlocksPerRow,
                Segments = _w.Segments,
                PlanesPerSegment = _w.PlanesPerSegment,
                TablePerSegment = _w.TablePerSegment,
                OffsetTables = _w.OffsetTableBuffer.Pointer,
                SmallLevels = _w.SmallLevels,
                LevelOffset = _w.LevelOffset,
                MaxOffsetLevel = _w.MaxOffsetLevel,
                XSums = (int*)_xSums.Pointer,
            };

            int perFrame = _w.Rows * _w.Segments;
            int f0 = 0;
            for (; f0 + 4 <= batch; f0 += 4)
            {
                job.X = xq + (f0 * kp);
                job.Dots = (int*)_dots.Pointer + (f0 * perFrame);
                kernels.Four(ref job);
            }

            for (; f0 < batch; f0++)
            {
                job.X = xq + (f0 * kp);
                job.Dots = (int*)_dots.Pointer + (f0 * perFrame);
                kernels.One(ref job);
            }

            Epilogue(batch, y);
        }
        finally
        {
            if (added)
            {
                _w.CodeBuffer.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        _w.Dispose();
        _xq.Dispose();
        _dots.Dispose();
        _xSums.Dispose();
    }

    /// <summary>y = act(sx · Σ_seg scale·dot + b), the same float operations in the same order on every path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Epilogue(int batch, Span<float> y)
    {
        int rows = _w.Rows, segs = _w.Segments;
        float* scales = (float*)_w.ScaleBuffer.Pointer;
        int* dots = (int*)_dots.Pointer;
        for (int f = 0; f < batch; f++)
        {
            float sx = _xScale[f];
            int* d = dots + (f * rows * segs);
            for (int r = 0; r < rows; r++)
            {
                float acc = 0f;
                for (int s = 0; s < segs; s++)
                {
                    acc += scales[(r * segs) + s] * d[(r * segs) + s];
                }

                y[(f * rows) + r] = Activate((acc * sx) + _bias[r]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Activate(float v) => Activation switch
    {
        Activation.Relu => MathF.Max(v, 0f),
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-v)),
        _ => v,
    };

    /// <summary>
    /// The layout every kernel relies on (checked in Debug builds only): rows padded to whole 32-byte blocks,
    /// 32-byte-aligned code rows for the aligned AVX loads, segments of whole planes, activations padded to the
    /// packed width (zeros beyond Cols, so padded weights contribute nothing).
    /// </summary>
    [Conditional("DEBUG")]
    internal static void AssertJob(in DotJob job, int codeBits)
    {
        Debug.Assert(codeBits is 2 or 4 or 8, "code width is 2, 4 or 8 bits");
        Debug.Assert(job.Rows > 0 && job.Segments > 0 && job.PlanesPerSegment > 0, "non-empty layer");
        Debug.Assert(job.RowBytes == job.BlocksPerRow * 32, "a packed row is whole 32-byte blocks");
        Debug.Assert(job.PaddedCols == job.BlocksPerRow * 32 * (8 / codeBits), "activations padded to the packed width");
        Debug.Assert(job.Segments * job.PlanesPerSegment == job.BlocksPerRow * (8 / codeBits), "segments tile the row's planes");
        Debug.Assert(((nuint)job.Codes & 31) == 0 && ((nuint)job.X & 31) == 0, "codes and activations 32-byte aligned");
        Debug.Assert(codeBits == 8 || job.Tables != null, "low-bit codes need level tables");
    }
}
