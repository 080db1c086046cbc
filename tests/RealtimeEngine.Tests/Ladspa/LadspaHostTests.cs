using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Ladspa;
using RtDenoise.Offline.Chain;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.Engine.Tests.Ladspa;

/// <summary>Against real Debian plugins: swh-plugins' "Glame Lowpass Filter" (lowpass_iir) and "Simple amplifier" (amp).</summary>
public sealed class LadspaHostTests
{
    private const string Lowpass = "lowpass_iir_1891.so";
    private const string Amp = "amp_1181.so";

    [Fact]
    public void EnumeratesDescriptorsAndPortsLikeAnalyseplugin()
    {
        using LadspaLibrary lib = Load(Lowpass);
        LadspaPluginInfo p = Assert.Single(lib.Plugins);
        Assert.Equal("lowpass_iir", p.Label);
        Assert.Equal(1891UL, p.UniqueId);
        Assert.Equal("Glame Lowpass Filter", p.Name);
        Assert.Equal(["Cutoff Frequency", "Stages(2 poles per stage)", "Input", "Output"], p.Ports.Select(x => x.Name));
        Assert.True(p.Ports[0].IsControl && p.Ports[0].IsInput && p.Ports[0].ScalesWithSampleRate && p.Ports[0].IsLogarithmic);
        Assert.True(p.Ports[3].IsAudio && p.Ports[3].IsOutput);

        // analyseplugin prints: 0.0001*srate to 0.45*srate, default 0.0549426*srate, logarithmic; "1 to 10, default 1".
        Assert.Equal(0.0549426f, p.Ports[0].Default(1), 5);
        Assert.Equal(0.45f * 48000, p.Ports[0].Upper(48000)!.Value, 1);
        Assert.Equal(1f, p.Ports[1].Default(48000));
    }

    [Fact]
    public void LowpassAttenuatesTheUpperPartOfASineSweep()
    {
        const int rate = 16000;
        const float cutoff = 1000f;
        using var lib = Load(Lowpass);
        using var lp = new LadspaProcessor(lib, "lowpass_iir", [new("Cutoff Frequency", cutoff), new("Stages", 2)]);
        lp.Configure(rate, 256);
        float[] x = TestSignals.Sweep(50, 7900, rate, rate * 4, out double[] f);
        float[] y = TestSignals.ProcessInRandomBlocks(lp, x, 1000, 21);

        // Short-window gain versus the sweep's instantaneous frequency.
        const int win = 400;
        for (int start = win; start + win <= x.Length; start += win)
        {
            double hz = f[start + (win / 2)];
            double db = TestSignals.Db(TestSignals.Rms(y.AsSpan(start, win)) / TestSignals.Rms(x.AsSpan(start, win)));
            if (hz < cutoff / 2)
            {
                Assert.True(db > -2, $"{hz:F0} Hz (pass band) attenuated by {db:F1} dB");
            }
            else if (hz > cutoff * 3)
            {
                Assert.True(db < -25, $"{hz:F0} Hz (stop band) only {db:F1} dB");
            }
        }
    }

    [Fact]
    public void ControlPortsAreParametersAndTakeEffect()
    {
        using var lib = Load(Amp);
        using var amp = new LadspaProcessor(lib, "amp", [new("Amps gain", -6f)]);
        amp.Configure(48000, 64);
        Assert.Equal("ladspa:amp", amp.Name);
        Assert.Equal(-6f, amp.GetParameter("Amps gain (dB)"));
        float[] x = TestSignals.Sine(1000, 48000, 1000);
        float[] y = TestSignals.ProcessInRandomBlocks(amp, x, 200, 22);
        Assert.Equal(-6, TestSignals.Db(TestSignals.Rms(y) / TestSignals.Rms(x)), 2);
        amp.SetParameter("0", 6f);
        float[] z = (float[])x.Clone();
        amp.Process(z);
        Assert.Equal(6, TestSignals.Db(TestSignals.Rms(z) / TestSignals.Rms(x)), 2);
    }

    [Fact]
    public void ErrorsNameTheLibraryLabelAndPort()
    {
        Skip(Lowpass);
        Assert.Contains("nosuch.so", Assert.Throws<LadspaLoadException>(() => LadspaLibrary.Load("nosuch.so")).Message, StringComparison.Ordinal);
        using var lib = Load(Lowpass);
        Assert.Contains("highpass_iir", Assert.Throws<LadspaLoadException>(() => new LadspaProcessor(Load(Lowpass), "highpass_iir")).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<InvalidChainSpecException>(() => new ChainFactory().Build(ChainSpecParser.Parse($"ladspa:{Lowpass}:lowpass_iir?Resonance=3")));
        Assert.Contains("Resonance", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cutoff Frequency", ex.Message, StringComparison.Ordinal);
        string notPlugin = typeof(object).Assembly.Location.Replace("System.Private.CoreLib.dll", "libSystem.Native.so", StringComparison.Ordinal);
        if (File.Exists(notPlugin))
        {
            Assert.Contains("ladspa_descriptor", Assert.Throws<LadspaLoadException>(() => LadspaLibrary.Load(notPlugin)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SearchPathFollowsLadspaPathConvention()
    {
        Assert.Equal(["/a", "/b c"], LadspaSearchPath.Directories("/a::/b c:"));
        Assert.Equal(["/usr/lib/ladspa", "/usr/local/lib/ladspa"], LadspaSearchPath.Directories(" "));
    }

    [Fact]
    public void OneSearchPathPutsTheInstalledFolderFirstAndTheUsersFoldersLast()
    {
        IReadOnlyList<string> dirs = LadspaSearchPath.SearchDirectories();
        Assert.Equal(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "ladspa")), dirs[0]);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".local", "lib", "ladspa"), dirs[^1]);
        Assert.Equal(Path.Combine(home, ".ladspa"), dirs[^2]);
        foreach (string d in LadspaSearchPath.Directories())
        {
            Assert.Contains(Path.GetFullPath(d), dirs);
        }

        Assert.Equal(dirs.Count, dirs.Distinct(StringComparer.Ordinal).Count());
    }

    private static LadspaLibrary Load(string file)
    {
        Skip(file);
        return LadspaLibrary.Load(file);
    }

    private static void Skip(string file)
    {
        try
        {
            LadspaSearchPath.Resolve(file);
        }
        catch (LadspaLoadException ex)
        {
            Assert.Skip($"{ex.Message} (apt-get install swh-plugins)");
        }
    }
}
