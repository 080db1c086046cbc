using RtDenoise.Offline.Audio;
using Xunit;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>Two paths are the same file by device and inode, whatever their text: symlinked folders, hard links, "..".</summary>
public sealed class FileIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-identity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_through_a_symlinked_folder_is_the_same_file()
    {
        string file = Create("d/x.wav");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "link"), Path.Combine(_dir, "d"));

        Assert.True(FileIdentity.SameFile(file, Path.Combine(_dir, "link", "x.wav")));
        Assert.True(FileIdentity.SameFile(file, Path.Combine(_dir, "d", "..", "d", "x.wav")));
        Assert.True(FileIdentity.SameFile(Path.Combine(_dir, "d"), Path.Combine(_dir, "link")));
        Assert.Equal(FileIdentity.Of(file), FileIdentity.Of(Path.Combine(_dir, "link", "x.wav")));
    }

    [Fact]
    public void A_symlink_to_the_file_and_a_hard_link_are_the_same_file()
    {
        string file = Create("x.wav");
        string symlink = Path.Combine(_dir, "sym.wav");
        File.CreateSymbolicLink(symlink, file);
        string hardLink = Path.Combine(_dir, "hard.wav");
        Assert.Equal(0, Link(file, hardLink));

        Assert.True(FileIdentity.SameFile(file, symlink));
        Assert.True(FileIdentity.SameFile(file, hardLink));
    }

    [Fact]
    public void Different_files_with_equal_content_are_not_the_same()
    {
        string a = Create("a.wav");
        string b = Create("b.wav");

        Assert.False(FileIdentity.SameFile(a, b));
        Assert.NotEqual(FileIdentity.Of(a), FileIdentity.Of(b));
    }

    [Fact]
    public void A_missing_file_is_compared_by_its_folder_and_name()
    {
        string existing = Create("d/x.wav");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "link"), Path.Combine(_dir, "d"));
        string missing = Path.Combine(_dir, "d", "new.wav");

        Assert.Null(FileIdentity.Of(missing));
        Assert.True(FileIdentity.SameFile(missing, Path.Combine(_dir, "link", "new.wav")));
        Assert.False(FileIdentity.SameFile(missing, Path.Combine(_dir, "link", "other.wav")));
        Assert.False(FileIdentity.SameFile(missing, existing));
        Assert.False(FileIdentity.SameFile(existing, Path.Combine(_dir, "d", "x.wav.missing")));
    }

    private string Create(string relative)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "same content");
        return path;
    }

    private static int Link(string target, string name)
    {
        using var p = System.Diagnostics.Process.Start("ln", [target, name]);
        p.WaitForExit();
        return p.ExitCode;
    }
}
