using System.Diagnostics;
using RtDenoise.HostApp.Commands.Batch;

namespace RtDenoise.HostApp.Tests.Batch;

/// <summary>
/// The batch walk enters each real folder once: links that point back up the tree (a loop) or to a folder already
/// walked add nothing and cannot make the walk explode; a folder it cannot read is reported, not fatal; and a glob of
/// many stars against a long name answers at once.
/// </summary>
public sealed class DirectoryWalkTests
{
    [Fact]
    public void Two_symlink_loops_are_walked_once()
    {
        using var dir = new TempDir();
        string root = Directory.CreateDirectory(dir.File("in")).FullName;
        string sub = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
        File.WriteAllText(Path.Combine(root, "top.wav"), "x");
        File.WriteAllText(Path.Combine(sub, "deep.wav"), "x");

        // Each link points back up: a walk that follows links without remembering folders goes 2^depth deep.
        Directory.CreateSymbolicLink(Path.Combine(sub, "up1"), root);
        Directory.CreateSymbolicLink(Path.Combine(sub, "up2"), root);
        Directory.CreateSymbolicLink(Path.Combine(root, "again"), sub);

        IReadOnlyList<BatchItem> items = BatchInputs.Expand([root], recursive: true);

        Assert.Equal(["a/b/deep.wav", "top.wav"], items.Select(i => i.RelativePath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_linked_folder_outside_the_tree_is_walked()
    {
        using var dir = new TempDir();
        string root = Directory.CreateDirectory(dir.File("in")).FullName;
        string other = Directory.CreateDirectory(dir.File("elsewhere")).FullName;
        File.WriteAllText(Path.Combine(other, "linked.wav"), "x");
        Directory.CreateSymbolicLink(Path.Combine(root, "link"), other);

        IReadOnlyList<BatchItem> items = BatchInputs.Expand([root], recursive: true);

        Assert.Equal("link/linked.wav", Assert.Single(items).RelativePath);
    }

    [Fact]
    public void An_unreadable_folder_is_reported_and_the_rest_is_walked()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            // Root reads a 000 folder anyway; the walk is then checked through a folder that vanishes instead.
            using var gone = new TempDir();
            var walk = new DirectoryWalk(null);
            Assert.Empty(walk.Files(gone.File("missing"), recursive: true, _ => true));
            Assert.Contains("folder not read", Assert.Single(walk.Unreadable).Message, StringComparison.Ordinal);
            return;
        }

        using var dir = new TempDir();
        string root = Directory.CreateDirectory(dir.File("in")).FullName;
        string locked = Directory.CreateDirectory(Path.Combine(root, "locked")).FullName;
        File.WriteAllText(Path.Combine(root, "ok.wav"), "x");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var unreadable = new List<BatchFailure>();
            IReadOnlyList<BatchItem> items = BatchInputs.Expand([root], recursive: true, unreadable: unreadable);
            Assert.Equal("ok.wav", Assert.Single(items).RelativePath);
            Assert.Equal(locked, Assert.Single(unreadable).InputPath);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_glob_of_many_stars_answers_at_once_against_a_long_name()
    {
        GlobPattern glob = GlobPattern.Parse("d/*a_*a_*a_*a_*a_*a_*a_*a_*.wav");
        string name = new string('a', 200) + "_x";
        var clock = Stopwatch.StartNew();
        Assert.False(glob.IsMatch(name));
        Assert.True(glob.IsMatch("a_a_a_a_a_a_a_a_.wav"));

        // Generous for a loaded machine: the backtracking matcher took minutes on this name, the linear one takes
        // microseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"glob match took {clock.Elapsed}");
    }
}
