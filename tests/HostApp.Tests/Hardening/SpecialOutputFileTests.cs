using System.Diagnostics;
using Xunit;

namespace RtDenoise.HostApp.Tests.Hardening;

/// <summary>
/// Out of process: `denoise` into a device node writes into it (it stays a device), into a
/// FIFO is refused with exit 2 (a WAV header is rewritten at the end), through a symlink replaces the target, and a
/// full disk leaves no temporary file.
/// </summary>
public sealed class SpecialOutputFileTests
{
    private static readonly string Sample = Path.Combine(CliRunner.RepoRoot(), "samples", "noisy_speech.wav");

    // A private node equal to /dev/null (char 1,3), never the system's /dev/null: if this fix regressed, a test run as
    // root would replace the machine's /dev/null by a regular file (it happened once while checking the test failed
    // before the fix).
    [Fact]
    public void A_device_node_output_stays_a_device()
    {
        using var dir = new TempDir();
        string node = dir.File("mynull");
        if (Run("mknod", "-m", "666", node, "c", "1", "3") != 0)
        {
            Assert.Skip("mknod needs root");
        }

        CliRunner.Result r = CliRunner.Run("denoise", Sample, node, "--processor", "classic");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal("character special file", FileType(node));
        Assert.Equal(["mynull"], dir.Entries());
    }

    [Fact]
    public void A_fifo_output_is_refused_with_exit_2_and_stays_a_fifo()
    {
        using var dir = new TempDir();
        string fifo = dir.File("out.fifo");
        Assert.Equal(0, Run("mkfifo", fifo));
        CliRunner.Result r = CliRunner.Run("denoise", Sample, fifo, "--processor", "classic");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("FIFO", r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.Equal("fifo", FileType(fifo));
        Assert.Equal(["out.fifo"], dir.Entries());
    }

    [Fact]
    public void A_symlink_output_replaces_its_target_and_stays_a_link()
    {
        using var dir = new TempDir();
        string target = dir.File("real.wav");
        File.WriteAllText(target, "old");
        string link = dir.File("link.wav");
        File.CreateSymbolicLink(link, target);
        CliRunner.Result r = CliRunner.Run("denoise", Sample, link, "--processor", "classic");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal("symbolic link", FileType(link));
        Assert.True(new FileInfo(target).Length > 1000);
    }

    [Fact]
    public void A_full_disk_is_exit_2_and_leaves_no_temporary_file()
    {
        using var dir = new TempDir();
        string mount = dir.File("small");
        Directory.CreateDirectory(mount);
        if (Run("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", mount) != 0)
        {
            Assert.Skip("mounting a tmpfs needs root");
        }

        try
        {
            CliRunner.Result r = CliRunner.Run("denoise", Sample, Path.Combine(mount, "out.wav"), "--processor", "classic");
            Assert.Equal(2, r.ExitCode);
            Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(mount));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static string FileType(string path)
    {
        var psi = new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true };
        using Process p = Process.Start(psi)!;
        string type = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return type;
    }

    private static int Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using Process p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // the tool is not installed
        }
    }
}
