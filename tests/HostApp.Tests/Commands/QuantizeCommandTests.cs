using System.Text.Json;
using RtDenoise.Engine.Model;
using RtDenoise.Engine.Stft;
using RtDenoise.Kernels.MatVec;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Tests.Commands;

/// <summary>`rtdenoise quantize` and the exact memory accounting of `rtdenoise model-info`.</summary>
public sealed class QuantizeCommandTests
{
    /// <summary>64-sample window, 2 context frames: 66 features → 8 → 8 → 33 bins.</summary>
    internal static RtmModel SmallFloatModel()
    {
        var layout = new StftLayout(64, 32, 64, 16000);
        var rng = new Random(3);
        int k = layout.Bins * 2;
        float[] mean = [.. Enumerable.Range(0, k).Select(_ => (float)rng.NextDouble())];
        float[] std = [.. Enumerable.Range(0, k).Select(_ => 1 + (float)rng.NextDouble())];
        int[] sizes = [k, 8, 8, layout.Bins];
        var layers = new List<RtmLayer>();
        for (int l = 0; l < 3; l++)
        {
            float[] w = [.. Enumerable.Range(0, sizes[l] * sizes[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5))];
            float[] b = [.. Enumerable.Range(0, sizes[l + 1]).Select(_ => (float)(rng.NextDouble() - 0.5))];
            layers.Add(RtmLayer.FromFp32(sizes[l], sizes[l + 1], l == 2 ? Activation.Sigmoid : Activation.Relu, w, b));
        }

        return new RtmModel(layout, 2, 0.1f, mean, std, layers);
    }

    [Fact]
    public void Per_layer_quantization_and_model_info_match_a_hand_computation()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), SmallFloatModel());
        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--layers", "vbs4s2,int3,lut2");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var info = CliRunner.Run("model-info", dir.File("q.rtm"), "--json");
        Assert.True(info.ExitCode == 0, info.StdErr);
        using JsonDocument doc = JsonDocument.Parse(info.StdOut);
        JsonElement root = doc.RootElement;
        JsonElement[] layers = [.. root.GetProperty("layers").EnumerateArray()];

        // Hand computation (formats in QuantizedMatrix / RtmFormat remarks):
        //  layer 0 vbs4s2, 8×66 = 528 weights: codes ⌈528·4/8⌉ = 264, metadata s:1 + one group (F:1 + shift[1..3]:3) = 5,
        //          bias 8·4 = 32 → 301 bytes
        //  layer 1 int3, 8×8 = 64 weights: codes 64·3/8 = 24, one float scale per row 8·4 = 32, bias 32 → 88 bytes
        //  layer 2 lut2, 33×8 = 264 weights: codes 264·2/8 = 66, one codebook (scale 4 + 4 int8 levels) = 8,
        //          bias 33·4 = 132 → 206 bytes
        //  weight bytes 301 + 88 + 206 = 595; weights 856; bits/weight 595·8/856 = 5.5607;
        //  normalisation 2·66·4 = 528; total 1123.
        (string Format, long Bytes, long Codes, long Meta, long Bias)[] expect =
            [("vbs4s2", 301, 264, 5, 32), ("int3", 88, 24, 32, 32), ("lut2", 206, 66, 8, 132)];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expect[i].Format, layers[i].GetProperty("format").GetString());
            Assert.Equal(expect[i].Bytes, layers[i].GetProperty("bytes").GetInt64());
            Assert.Equal(expect[i].Codes, layers[i].GetProperty("code_bytes").GetInt64());
            Assert.Equal(expect[i].Meta, layers[i].GetProperty("metadata_bytes").GetInt64());
            Assert.Equal(expect[i].Bias, layers[i].GetProperty("bias_bytes").GetInt64());
        }

        Assert.Equal(856, root.GetProperty("weights").GetInt64());
        Assert.Equal(595, root.GetProperty("weight_bytes").GetInt64());
        Assert.Equal(528, root.GetProperty("normalisation_bytes").GetInt64());
        Assert.Equal(1123, root.GetProperty("total_bytes").GetInt64());
        Assert.Equal(5.5607, root.GetProperty("bits_per_weight").GetDouble(), 4);
    }

    [Fact]
    public void One_format_for_all_layers_loads_and_runs()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), SmallFloatModel());
        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "vbs4");
        Assert.True(r.ExitCode == 0, r.StdErr);
        RtmModel q = RtmModel.Load(dir.File("q.rtm"));
        Assert.All(q.Layers, l => Assert.StartsWith("vbs4", l.Format));
        _ = new DnnSpectralProcessor(q);
    }

    [Theory]
    [InlineData("--format", "vbs9", "vbs9")]
    [InlineData("--format", "foo4", "foo4")]
    [InlineData("--layers", "vbs4,int4", "2 formats")]
    [InlineData("--layers", "vbs4,int4,bad", "entry 3")]
    public void Bad_formats_are_clear_errors_and_write_nothing(string option, string value, string fragment)
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), SmallFloatModel());
        var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(fragment, r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr);
        Assert.Equal(["f.rtm"], dir.Entries());
    }

    [Fact]
    public void Needs_exactly_one_of_format_and_layers_and_a_float_input()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), SmallFloatModel());
        Assert.Equal(2, CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm")).ExitCode);
        Assert.Equal(2, CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "int4", "--layers", "int4,int4,int4").ExitCode);
        Assert.Equal(0, CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("q.rtm"), "--format", "int4").ExitCode);
        var again = CliRunner.Run("quantize", dir.File("q.rtm"), dir.File("q2.rtm"), "--format", "int4");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already", again.StdErr);
    }

    [Fact]
    public void Budget_search_stays_within_the_budget()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), SmallFloatModel());
        foreach (double kb in new[] { 1.2, 2.0, 3.5 })
        {
            var r = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("b.rtm"), "--budget-kb", kb.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.True(RtmModel.Load(dir.File("b.rtm")).TotalBytes <= kb * 1024, $"{kb} KiB");
        }

        var tooSmall = CliRunner.Run("quantize", dir.File("f.rtm"), dir.File("c.rtm"), "--budget-kb", "0.6");
        Assert.Equal(2, tooSmall.ExitCode);
        Assert.Contains("2-bit", tooSmall.StdErr);
        Assert.False(File.Exists(dir.File("c.rtm")));
    }

    [Fact]
    public void Quant_report_writes_csv_markdown_and_plot()
    {
        using var dir = new TempDir();
        RtmWriter.Write(dir.File("f.rtm"), SmallFloatModel());
        string clean = Directory.CreateDirectory(dir.File("clean")).FullName;
        string noisy = Directory.CreateDirectory(dir.File("noisy")).FullName;
        for (int i = 0; i < 2; i++)
        {
            float[] speech = SyntheticSpeech.Speech(16000, 2, 50 + i);
            SyntheticSpeech.Write(Path.Combine(clean, $"s{i}.wav"), 16000, speech);
            SyntheticSpeech.Write(Path.Combine(noisy, $"s{i}.wav"), 16000, SyntheticSpeech.AddNoise(speech, 0.05, 60 + i));
        }

        var r = CliRunner.Run("quant-report", "--model", dir.File("f.rtm"), "--clean", clean, "--noisy", noisy,
            "--out", dir.File("report"), "--configs", "int8;lut2;vbs4,int4,lut3", "--jobs", "1");
        Assert.True(r.ExitCode == 0, r.StdErr);
        string[] csv = File.ReadAllLines(dir.File("report/report.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("format,family,bits,weight_bytes", csv[0]);
        Assert.Contains(",si_sdr_db,pesq_nb,pesq_wb,", csv[0]);

        // Every row carries PESQ in both modes at 16 kHz, on the MOS-LQO scale.
        foreach (string line in csv.Skip(1))
        {
            string[] f = line.Split(',');
            Assert.InRange(double.Parse(f[^4], System.Globalization.CultureInfo.InvariantCulture), 1.0, 4.64);
            Assert.InRange(double.Parse(f[^3], System.Globalization.CultureInfo.InvariantCulture), 1.0, 4.64);
        }

        Assert.StartsWith("\"fp32\"", csv[1]);
        Assert.EndsWith(",0.000,inf", csv[1]);

        // 8-bit weights are far more faithful to the float output than 2-bit ones.
        double Fidelity(string line) => double.Parse(line.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Fidelity(csv[2]) > Fidelity(csv[3]) + 6, $"{csv[2]} vs {csv[3]}");
        Assert.Contains("vbs4,int4,lut3", File.ReadAllText(dir.File("report/report.md")));
        Assert.True(new FileInfo(dir.File("report/memory-vs-stoi.png")).Length > 1000);
    }
}
