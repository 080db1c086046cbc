using RtDenoise.Offline.Audio;
using Xunit;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>
/// The registry a process that must end at once empties first: the atomic writer's temporary file is in it from
/// before it exists until it is renamed or deleted, and <see cref="TemporaryFiles.DeleteAll"/> removes what is left.
/// Alone in its collection: <see cref="TemporaryFiles.DeleteAll"/> would delete other tests' files in flight.
/// </summary>
[Collection(nameof(TemporaryFilesTests))]
public sealed class TemporaryFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-tempfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_writers_temporary_file_is_registered_until_commit()
    {
        string dest = Path.Combine(_dir, "out.bin");
        using (var writer = new AtomicFileWriter(dest))
        {
            string temp = Assert.Single(Directory.GetFiles(_dir));
            Assert.Contains(temp, TemporaryFiles.Current);
            writer.Stream.Write(new byte[16]);
            writer.Commit();
            Assert.DoesNotContain(temp, TemporaryFiles.Current);
        }

        Assert.Equal(16, new FileInfo(dest).Length);
    }

    [Fact]
    public void An_abandoned_writer_leaves_nothing_registered()
    {
        string dest = Path.Combine(_dir, "abandoned.bin");
        string temp;
        using (var writer = new AtomicFileWriter(dest))
        {
            temp = Assert.Single(Directory.GetFiles(_dir));
        }

        Assert.DoesNotContain(temp, TemporaryFiles.Current);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void DeleteAll_removes_registered_files_only()
    {
        string registered = Path.Combine(_dir, ".a.tmp"), other = Path.Combine(_dir, "keep.wav");
        File.WriteAllText(registered, "partial");
        File.WriteAllText(other, "kept");
        using TemporaryFiles.Registration r = TemporaryFiles.Track(registered);

        TemporaryFiles.DeleteAll();

        Assert.False(File.Exists(registered));
        Assert.True(File.Exists(other));
        Assert.DoesNotContain(registered, TemporaryFiles.Current);
    }

    [Fact]
    public void The_default_registration_disposes_quietly() => default(TemporaryFiles.Registration).Dispose();
}

/// <summary>Runs <see cref="TemporaryFilesTests"/> when no other test runs.</summary>
[CollectionDefinition(nameof(TemporaryFilesTests), DisableParallelization = true)]
public sealed class TemporaryFilesCollection;
