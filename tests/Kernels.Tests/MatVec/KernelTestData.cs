using System.Collections.Concurrent;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Kernels.Tests.Quantization;
using RtDenoise.ModelFormat.Quantization;

namespace RtDenoise.Kernels.Tests.MatVec;

/// <summary>Shared shapes, formats and cached layers for the kernel tests.</summary>
internal static class KernelTestData
{
    /// <summary>Formats covering every code width (2, 4, 8), every table scope and every segment kind.</summary>
    public static readonly string[] Formats =
    [
        "fixed2", "fixed3", "fixed4", "fixed8", "vbs2", "vbs3", "vbs4", "vbs5", "vbs8", "vbs4g64", "vbs3g32",
        "int2", "int3", "int4", "int8", "int4b32", "int2b64", "int8b32", "lut2", "lut3", "lut4", "lut6", "lut8", "lut4r", "lut2r",
    ];

    /// <summary>(rows, cols): every in and out dimension 1..130 (the other one varied), plus the real shapes.</summary>
    public static IEnumerable<(int Rows, int Cols)> Shapes()
    {
        for (int n = 1; n <= 130; n++)
        {
            yield return (1 + ((n * 37) % 9), n);          // every cols remainder
            yield return (n, 1 + ((n * 53) % 130));        // every rows remainder
        }

        yield return (257, 512);
        yield return (512, 771);
        yield return (512, 512);
    }

    private static readonly ConcurrentDictionary<(string, int, int), (QuantizedMatrix Q, float[] Bias)> Cache = new();

    public static (QuantizedMatrix Q, float[] Bias) Matrix(string format, int rows, int cols) =>
        Cache.GetOrAdd((format, rows, cols), key =>
        {
            var rng = new Random(HashCode.Combine(key.Item1.Length, key.Item1[0], key.Item1[^1], rows, cols));
            float[] w = TestMatrices.Gaussian(rng, rows * cols, std: 0.05, outlierRate: 0.005, outlierSigma: 10);
            float[] b = TestMatrices.Gaussian(rng, rows, std: 0.1, outlierRate: 0);
            return (Quantizer.Quantize(w, rows, cols, WeightFormat.Parse(format)), b);
        });

    public static float[] Input(int seed, int count) => TestMatrices.Gaussian(new Random(seed), count, std: 1, outlierRate: 0.02, outlierSigma: 6);

    public static void SkipIfUnsupported(KernelPath path)
    {
        if (!KernelDispatch.IsSupported(path))
        {
            Assert.Skip($"{KernelDispatch.Name(path)} is not supported on this CPU / runtime configuration");
        }
    }

    public static TheoryData<KernelPath> SimdPaths() => new(KernelPath.Vector128, KernelPath.Avx2, KernelPath.Avx512, KernelPath.Neon);

    public static TheoryData<KernelPath, string> SimdPathsByFormat()
    {
        var data = new TheoryData<KernelPath, string>();
        foreach (KernelPath p in SimdPaths())
        {
            foreach (string f in Formats)
            {
                data.Add(p, f);
            }
        }

        return data;
    }
}
