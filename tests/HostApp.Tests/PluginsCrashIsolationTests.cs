using System.Diagnostics;
using System.Text.Json;

namespace RtDenoise.HostApp.Tests;

/// <summary>
/// `rtdenoise plugins` loads libraries in a probe process: a library that crashes in its loader (SIGSEGV in a
/// constructor or in ladspa_descriptor) or never returns from it is named and skipped, and the others are still
/// listed, exit 0. The broken libraries are compiled here from a few lines of C (clang or cc, as CI installs).
/// </summary>
public sealed class PluginsCrashIsolationTests
{
    private const string Amp = "/usr/lib/ladspa/amp_1181.so";

    [Fact]
    public void A_library_that_crashes_while_loading_is_named_and_the_others_are_listed()
    {
        using var dir = new TempDir();
        RequireAmp(dir.File("b_amp.so"));
        Compile(dir, "a_descriptor_crash", "void *ladspa_descriptor(unsigned long i) { (void)i; *(volatile int *)0 = 1; return 0; }");
        Compile(dir, "c_constructor_crash", "__attribute__((constructor)) static void boom(void) { *(volatile int *)0 = 1; }\nvoid *ladspa_descriptor(unsigned long i) { (void)i; return 0; }");

        CliRunner.Result r = CliRunner.Run("plugins", "--path", dir.Path, "--json");

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.StdErr}");
        using JsonDocument json = JsonDocument.Parse(r.StdOut);
        Assert.Contains(json.RootElement.GetProperty("plugins").EnumerateArray(), p => p.GetProperty("label").GetString() == "amp");
        foreach (string lib in new[] { "a_descriptor_crash.so", "c_constructor_crash.so" })
        {
            Assert.Contains($"skipped: '{dir.File(lib)}' crashed the process that loaded it (signal ", r.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_library_that_never_returns_from_loading_is_stopped_and_named()
    {
        using var dir = new TempDir();
        RequireAmp(dir.File("b_amp.so"));
        Compile(dir, "a_hang", "void *ladspa_descriptor(unsigned long i) { (void)i; for (;;) { } }");

        CliRunner.Result r = CliRunner.Run("plugins", "--path", dir.Path);

        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.StdErr}");
        Assert.Contains("b_amp.so", r.StdOut, StringComparison.Ordinal);
        Assert.Contains($"skipped: '{dir.File("a_hang.so")}' did not finish loading in 10 s", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(Process.GetProcesses(), p => CommandLine(p).Contains(dir.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_chain_naming_a_library_that_crashes_while_loading_is_refused_not_fatal()
    {
        using var dir = new TempDir();
        Compile(dir, "crash", "void *ladspa_descriptor(unsigned long i) { (void)i; *(volatile int *)0 = 1; return 0; }");
        string input = dir.File("in.wav"), output = dir.File("out.wav");
        Commands.SyntheticSpeech.Write(input, 16000, Commands.SyntheticSpeech.Speech(16000, 1, 3));

        CliRunner.Result r = CliRunner.Run("denoise", input, output, "--chain", $"ladspa:{dir.File("crash.so")}:x", "--quiet");

        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        Assert.StartsWith($"error: --chain: chain element \"ladspa:{dir.File("crash.so")}:x\": '{dir.File("crash.so")}' crashed the process that loaded it (signal ", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal(["crash.so", "in.wav"], dir.Entries().Order(StringComparer.Ordinal));
    }

    private static void RequireAmp(string copyTo)
    {
        if (!File.Exists(Amp))
        {
            Assert.Skip($"needs a working LADSPA library to list beside the broken ones ({Amp}: apt-get install swh-plugins)");
        }

        File.Copy(Amp, copyTo);
    }

    private static void Compile(TempDir dir, string name, string source)
    {
        string? compiler = new[] { "/usr/bin/clang", "/usr/bin/cc", "/usr/bin/gcc" }.FirstOrDefault(File.Exists);
        if (compiler is null)
        {
            Assert.Skip("needs a C compiler to build the broken libraries (apt-get install clang)");
        }

        string c = dir.File(name + ".c");
        File.WriteAllText(c, source + "\n");
        var psi = new ProcessStartInfo(compiler) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-shared", "-fPIC", "-O0", "-o", dir.File(name + ".so"), c })
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{compiler} failed: {err}");
        File.Delete(c);
    }

    private static string CommandLine(Process p)
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty; // it ended meanwhile
        }
    }
}
