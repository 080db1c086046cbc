using System.Runtime.Versioning;
using RtDenoise.Offline.Audio;
using Xunit;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>
/// <see cref="AtomicFileWriter"/> replacing a file keeps its permission bits (a private 0600 recording stays private,
/// also while the temporary file is being written) and, where permitted, its owner and group.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReplacedFileAttributesTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-replaced-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_private_file_stays_private_when_replaced()
    {
        string dest = Existing("private.wav", Private);

        Replace(dest, tempMode => Assert.Equal(UnixFileMode.None, tempMode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)));

        Assert.Equal("new", File.ReadAllText(dest));
        Assert.Equal(Private, File.GetUnixFileMode(dest));
    }

    [Fact]
    public void A_group_writable_mode_is_kept_exactly_despite_the_umask()
    {
        UnixFileMode shared = Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        string dest = Existing("shared.rtm", shared);

        Replace(dest, _ => { });

        Assert.Equal(shared, File.GetUnixFileMode(dest));
    }

    [Fact]
    public void The_target_of_a_symlink_keeps_its_mode()
    {
        string target = Existing("real.wav", Private);
        string link = Path.Combine(_dir, "link.wav");
        File.CreateSymbolicLink(link, target);

        Replace(link, _ => { });

        Assert.Equal(Private, File.GetUnixFileMode(target));
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public void Owner_and_group_are_kept_where_permitted()
    {
        string dest = Existing("owned.wav", Private);
        Assert.True(FileStatus.TryQuery(dest, out FileStatus mine, out _));
        if (mine.Uid != 0)
        {
            Assert.Skip("giving a file to another user needs root");
        }

        using (var chown = System.Diagnostics.Process.Start("chown", ["12345:23456", dest]))
        {
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        Replace(dest, _ => { });

        Assert.True(FileStatus.TryQuery(dest, out FileStatus after, out _));
        Assert.Equal((12345u, 23456u), (after.Uid, after.Gid));
        Assert.Equal(Private, after.Permissions);
    }

    private string Existing(string name, UnixFileMode mode)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>Writes "new" over <paramref name="dest"/>; <paramref name="checkTemp"/> sees the temporary file's mode
    /// before the commit.</summary>
    private void Replace(string dest, Action<UnixFileMode> checkTemp)
    {
        using var writer = new AtomicFileWriter(dest);
        writer.Stream.Write("new"u8);
        string temp = Assert.Single(Directory.GetFiles(_dir, ".*.tmp"));
        checkTemp(File.GetUnixFileMode(temp));
        writer.Commit();
    }
}
