using System.Runtime.Versioning;
using System.Text;
using RtDenoise.HostApp.Cli;
using RtDenoise.HostApp.Live;

namespace RtDenoise.HostApp.Tests.Live;

/// <summary>
/// --persist / --unpersist on the files alone (no server): a user's default.pa gets its bytes back, a file rtdenoise
/// created goes again with its folder, the PipeWire drop-in escapes what a SPA-JSON string must, and --unpersist of
/// a name never persisted says so and exits 0 (the state asked for already holds, as with --remove).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PersistFileTests
{
    private static readonly PersistedChain Chain = new("virtual-mic", "pm", [
        ["module-null-sink", "sink_name=\"pm_sink\"", "sink_properties='device.description=\"pm output (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=pm'"],
        ["module-ladspa-sink", "plugin=\"/opt/plugins dir/Ünïcode \\ rtdenoise_ladspa.so\"", "label=\"rtdenoise\""],
    ]);

    private static PersistStore Store(TempDir dir) => new(name => name switch
    {
        "HOME" => dir.File("home"),
        "PULSE_CONFIG_PATH" => dir.File("pulse"),
        "XDG_CONFIG_HOME" => dir.File("xdg"),
        _ => null,
    });

    [Fact]
    public void AnExistingDefaultPaGetsItsBytesBackAndTheUsersLinesAreUntouched()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        Directory.CreateDirectory(dir.File("pulse"));
        // Lines of the user's on both sides of where the block goes; no newline at the end, a CRLF and a Latin-1 byte.
        byte[] before = [.. Encoding.UTF8.GetBytes("# mine\r\n.include /etc/pulse/default.pa\nload-module module-null-sink sink_name=x"), 0xE9];
        File.WriteAllBytes(store.PulseScript, before);
        File.SetUnixFileMode(store.PulseScript, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        store.Persist(SoundServerKind.PulseAudio, Chain);
        string written = File.ReadAllText(store.PulseScript);
        Assert.StartsWith(Encoding.Latin1.GetString(before) + "\n### BEGIN rtdenoise virtual-mic pm\n", Encoding.Latin1.GetString(File.ReadAllBytes(store.PulseScript)), StringComparison.Ordinal);
        Assert.Contains(".nofail\nload-module module-null-sink sink_name=\"pm_sink\" sink_properties='device.description=\"pm output (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=pm'\n", written, StringComparison.Ordinal);
        Assert.Contains("load-module module-ladspa-sink plugin=\"/opt/plugins dir/Ünïcode \\ rtdenoise_ladspa.so\" label=\"rtdenoise\"\n.fail\n### END rtdenoise virtual-mic pm\n", written, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PulseScript));
        Assert.True(store.IsPersisted("virtual-mic", "pm"));

        // The user adds a line after our block; persisting again replaces ours where it stands.
        File.AppendAllText(store.PulseScript, "load-module module-after\n");
        byte[] withUserLine = File.ReadAllBytes(store.PulseScript);
        store.Persist(SoundServerKind.PulseAudio, Chain);
        Assert.Equal(withUserLine, File.ReadAllBytes(store.PulseScript));

        Assert.Equal([$"removed the block for 'pm' from {store.PulseScript}"], store.Unpersist("virtual-mic", "pm"));
        Assert.Equal([.. before, .. "\nload-module module-after\n"u8.ToArray()], File.ReadAllBytes(store.PulseScript));
        Assert.Equal(["default.pa"], Directory.GetFileSystemEntries(dir.File("pulse")).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void ASymlinkedDefaultPaStaysALinkAndItsTargetIsEdited()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        Directory.CreateDirectory(dir.File("pulse"));
        File.WriteAllText(dir.File("real.pa"), "load-module module-a\n");
        File.CreateSymbolicLink(store.PulseScript, dir.File("real.pa"));
        store.Persist(SoundServerKind.PulseAudio, Chain);
        Assert.NotNull(new FileInfo(store.PulseScript).LinkTarget);
        Assert.Contains("### BEGIN rtdenoise virtual-mic pm", File.ReadAllText(dir.File("real.pa")), StringComparison.Ordinal);
        store.Unpersist("virtual-mic", "pm");
        Assert.Equal("load-module module-a\n", File.ReadAllText(dir.File("real.pa")));
    }

    [Fact]
    public void AnEndingNewlineAddedForTheBlockGoesWithIt()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        Directory.CreateDirectory(dir.File("pulse"));
        byte[] before = "load-module module-a"u8.ToArray();
        File.WriteAllBytes(store.PulseScript, before);
        store.Persist(SoundServerKind.PulseAudio, Chain);
        store.Unpersist("virtual-mic", "pm");
        Assert.Equal(before, File.ReadAllBytes(store.PulseScript));
    }

    [Fact]
    public void ADefaultPaRtdenoiseCreatedGoesWithTheFolderItCreated()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        store.Persist(SoundServerKind.PulseAudio, Chain);
        string text = Encoding.Latin1.GetString(File.ReadAllBytes(store.PulseScript));
        Assert.StartsWith($"{DefaultPaBlock.CreatedHeader}\n# rtdenoise also created the folder {dir.File("pulse")}\n.include /etc/pulse/default.pa\n### BEGIN rtdenoise virtual-mic pm\n", text, StringComparison.Ordinal);

        var other = new PersistedChain("virtual-mic", "second", [["module-null-sink", "sink_name=\"second_sink\""]]);
        store.Persist(SoundServerKind.PulseAudio, other);
        store.Unpersist("virtual-mic", "pm");
        Assert.Equal(text.Replace(DefaultPaBlock.Block(Chain, false), string.Empty, StringComparison.Ordinal) + DefaultPaBlock.Block(other, false), Encoding.Latin1.GetString(File.ReadAllBytes(store.PulseScript)));
        Assert.Equal([$"deleted {store.PulseScript} (rtdenoise had created it and nothing else was left in it)"], store.Unpersist("virtual-mic", "second"));
        Assert.Equal([], dir.Entries());
    }

    [Fact]
    public void ADefaultPaRtdenoiseCreatedIsKeptWhenTheUserAddedToIt()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        store.Persist(SoundServerKind.PulseAudio, Chain);
        File.AppendAllText(store.PulseScript, "load-module module-mine\n");
        store.Unpersist("virtual-mic", "pm");
        Assert.EndsWith(".include /etc/pulse/default.pa\nload-module module-mine\n", File.ReadAllText(store.PulseScript), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDropInEscapesQuotesAndBackslashesAndGoesWithTheFoldersItCreated()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        string path = store.PipeWireFile;
        Assert.Equal(Path.Combine(dir.File("xdg"), "pipewire", "pipewire-pulse.conf.d", "rtdenoise.conf"), path);
        store.Persist(SoundServerKind.PipeWire, Chain);
        string text = File.ReadAllText(path);
        Assert.Contains($"# rtdenoise also created the folder {dir.File("xdg")}\npulse.cmd = [\n### BEGIN rtdenoise virtual-mic pm\n", text, StringComparison.Ordinal);
        Assert.Contains("""    { cmd = "load-module" args = "module-null-sink sink_name=\"pm_sink\" sink_properties='device.description=\"pm output (rtdenoise)\" rtdenoise.owner=in-server rtdenoise.mic=pm'" flags = [ nofail ] }""" + "\n", text, StringComparison.Ordinal);
        Assert.EndsWith("""    { cmd = "load-module" args = "module-ladspa-sink plugin=\"/opt/plugins dir/Ünïcode \\ rtdenoise_ladspa.so\" label=\"rtdenoise\"" flags = [ nofail ] }""" + "\n### END rtdenoise virtual-mic pm\n]\n", text, StringComparison.Ordinal);
        Assert.True(store.IsPersisted("virtual-mic", "pm"));

        // A second device joins the same file (0.3.65 runs one file's pulse.cmd only); removing it gives the bytes back.
        byte[] one = File.ReadAllBytes(path);
        store.Persist(SoundServerKind.PipeWire, new PersistedChain("virtual-mic", "second", [["module-null-sink", "sink_name=\"second_sink\""]]));
        Assert.Equal([$"removed the block for 'second' from {path}"], store.Unpersist("virtual-mic", "second"));
        Assert.Equal(one, File.ReadAllBytes(path));

        Assert.Equal([$"deleted {path} (its last block was 'pm')"], store.Unpersist("virtual-mic", "pm"));
        Assert.Equal([], dir.Entries());
    }

    [Fact]
    public void TheDropInFolderIsKeptWhenItHoldsOtherFilesAndAnEarlierPulseCmdIsNamed()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        Directory.CreateDirectory(store.PipeWireFolder);
        File.WriteAllText(Path.Combine(store.PipeWireFolder, "mine.conf"), "pulse.cmd = [ ]\n");
        string said = store.Persist(SoundServerKind.PipeWire, Chain);
        Assert.Contains($"warning: {Path.Combine(store.PipeWireFolder, "mine.conf")} also has a pulse.cmd list and sorts first", said, StringComparison.Ordinal);
        store.Unpersist("virtual-mic", "pm");
        Assert.Equal(["mine.conf"], Directory.GetFileSystemEntries(store.PipeWireFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void ABeginLineWithoutItsEndIsRefusedAndTheFileKept()
    {
        using var dir = new TempDir();
        PersistStore store = Store(dir);
        Directory.CreateDirectory(dir.File("pulse"));
        File.WriteAllText(store.PulseScript, "### BEGIN rtdenoise virtual-mic pm\nload-module x\n");
        var ex = Assert.Throws<UserInputException>(() => store.Unpersist("virtual-mic", "pm"));
        Assert.Equal("the line '### BEGIN rtdenoise virtual-mic pm' has no '### END rtdenoise virtual-mic pm' after it; mend the file by hand (nothing was changed).", ex.Message);
        Assert.Equal("### BEGIN rtdenoise virtual-mic pm\nload-module x\n", File.ReadAllText(store.PulseScript));
    }

    [Fact]
    public void PulseAudioReadsDotPulseBeforeDotConfigWithoutPulseConfigPath()
    {
        using var dir = new TempDir();
        var store = new PersistStore(name => name == "HOME" ? dir.Path : null);
        Assert.Equal(Path.Combine(dir.Path, ".config", "pulse", "default.pa"), store.PulseScript);
        Assert.Equal(Path.Combine(dir.Path, ".config", "pipewire", "pipewire-pulse.conf.d"), store.PipeWireFolder);
        Directory.CreateDirectory(Path.Combine(dir.Path, ".pulse"));
        File.WriteAllText(Path.Combine(dir.Path, ".pulse", "default.pa"), string.Empty);
        Assert.Equal(Path.Combine(dir.Path, ".pulse", "default.pa"), store.PulseScript);
    }

    [Fact]
    public void UnpersistOfANameNeverPersistedSaysSoAndExitsZero()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(new Dictionary<string, string> { ["PULSE_CONFIG_PATH"] = dir.File("pulse"), ["XDG_CONFIG_HOME"] = dir.File("xdg") }, "virtual-mic", "--unpersist", "--name", "never");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"nothing persisted for 'never' (looked in {Path.Combine(dir.File("pulse"), "default.pa")} and {Path.Combine(dir.File("xdg"), "pipewire", "pipewire-pulse.conf.d", "rtdenoise.conf")}); nothing changed", r.StdErr.Trim());
        Assert.Equal([], dir.Entries());
    }

    [Fact]
    public void PersistWithoutInServerIsAUsageError()
    {
        var r = CliRunner.Run("virtual-mic", "--persist");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --persist applies to --in-server only (it loads the mic now and at every server start).", r.StdErr.Trim());
    }

    [Fact]
    public void TheServerKindComesFromPactlInfo()
    {
        Assert.Equal(SoundServerKind.PipeWire, SoundServer.KindOf("Server String: x\nServer Name: PulseAudio (on PipeWire 0.3.65)\n"));
        Assert.Equal(SoundServerKind.PulseAudio, SoundServer.KindOf("Server String: x\nServer Name: pulseaudio\n"));
    }
}
