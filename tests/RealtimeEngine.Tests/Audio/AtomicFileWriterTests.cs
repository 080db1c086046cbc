using System.Diagnostics;
using RtDenoise.Engine.Model;
using RtDenoise.Offline.Audio;
using RtDenoise.Offline.Model;
using Xunit;

namespace RtDenoise.Engine.Tests.Audio;

/// <summary>Special files are written in place; a failed close leaves no temp file.</summary>
public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rtd-atomic-" + Guid.NewGuid().ToString("N"));

    public AtomicFileWriterTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_disk_full_close_still_deletes_the_temporary_file()
    {
        string dest = Path.Combine(_dir, "out.wav");
        var writer = new AtomicFileWriter(dest, requireSeekable: true, (p, m) => new DiskFullStream(p, m));
        Assert.Throws<IOException>(() =>
        {
            using (writer)
            {
                writer.Stream.Write(new byte[100_000]);
                writer.Commit(); // the flush fails: ENOSPC
            }
        });

        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Abandoning_an_unflushed_write_on_a_full_disk_deletes_the_temporary_file()
    {
        string dest = Path.Combine(_dir, "out.wav");
        using (var writer = new AtomicFileWriter(dest, requireSeekable: true, (p, m) => new DiskFullStream(p, m)))
        {
            writer.Stream.Write(new byte[100]); // buffered; Dispose's flush is what fails
        }

        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    // Private nodes equal to /dev/null (char 1,3), never the system's: were this fix to regress, a root test run
    // would replace the machine's /dev/null by a regular file.
    [Fact]
    public void A_device_node_is_written_in_place_and_stays_a_device()
    {
        string node = NullDevice();
        using (var writer = new AtomicFileWriter(node, requireSeekable: true))
        {
            Assert.True(writer.IsInPlace);
            writer.Stream.Write(new byte[1000]);
            writer.Commit();
        }

        Assert.Equal(OutputFileKind.Device, OutputFileProbe.Classify(node));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_wav_file_can_be_written_to_a_device_node()
    {
        string node = NullDevice();
        WavWriter.WriteAll(node, [new float[5000]], 16000);
        Assert.Equal(OutputFileKind.Device, OutputFileProbe.Classify(node));
    }

    [Fact]
    public void The_system_dev_null_is_classified_as_a_device()
    {
        Assert.Equal(OutputFileKind.Device, OutputFileProbe.Classify("/dev/null"));
    }

    [Fact]
    public async Task A_model_written_to_a_fifo_goes_through_it_and_the_fifo_stays()
    {
        string fifo = Path.Combine(_dir, "model.fifo");
        MkFifo(fifo);
        RtmModel model = RtmReader.Load(ShippedModel());
        byte[] expected = RtmWriter.ToBytes(model);
        Task<byte[]> reader = Task.Run(() => File.ReadAllBytes(fifo), TestContext.Current.CancellationToken);
        RtmWriter.Write(fifo, model);
        Assert.Equal(expected, await reader.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(OutputFileKind.Pipe, OutputFileProbe.Classify(fifo));
        Assert.Equal(["model.fifo"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_wav_file_to_a_fifo_is_refused_before_opening_it()
    {
        string fifo = Path.Combine(_dir, "out.fifo");
        MkFifo(fifo);
        IOException ex = Assert.Throws<IOException>(() => WavWriter.WriteAll(fifo, [new float[10]], 16000));
        Assert.Contains("FIFO", ex.Message, StringComparison.Ordinal);
        Assert.Equal(OutputFileKind.Pipe, OutputFileProbe.Classify(fifo));
    }

    [Fact]
    public void A_symlink_to_a_file_is_written_through_and_stays_a_link()
    {
        string target = Path.Combine(_dir, "real.wav");
        File.WriteAllText(target, "old");
        string link = Path.Combine(_dir, "link.wav");
        File.CreateSymbolicLink(link, target);
        WavWriter.WriteAll(link, [new float[10]], 16000);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(target), 0, 4));
        Assert.Equal(2, Directory.GetFileSystemEntries(_dir).Length);
    }

    [Fact]
    public void Regular_and_missing_paths_are_classified()
    {
        string f = Path.Combine(_dir, "f");
        Assert.Equal(OutputFileKind.Missing, OutputFileProbe.Classify(f));
        File.WriteAllText(f, "x");
        Assert.Equal(OutputFileKind.Regular, OutputFileProbe.Classify(f));
        Assert.Equal(OutputFileKind.Directory, OutputFileProbe.Classify(_dir));
    }

    internal static string ShippedModel()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string[] models = Directory.Exists(Path.Combine(d.FullName, "models")) ? Directory.GetFiles(Path.Combine(d.FullName, "models"), "*.rtm") : [];
            if (File.Exists(Path.Combine(d.FullName, "Realtime.sln")) && models.Length > 0)
            {
                return models.OrderBy(m => m, StringComparer.Ordinal).First();
            }
        }

        throw new InvalidOperationException("no models/*.rtm above " + AppContext.BaseDirectory);
    }

    /// <summary>A character device node 1,3 (what /dev/null is) in the test folder; skips when mknod is not permitted.</summary>
    private string NullDevice()
    {
        string node = Path.Combine(_dir, "mynull");
        using Process p = Process.Start(new ProcessStartInfo("mknod", ["-m", "666", node, "c", "1", "3"]) { RedirectStandardError = true })!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            Assert.Skip("mknod needs root");
        }

        return node;
    }

    private static void MkFifo(string path)
    {
        using Process p = Process.Start("mkfifo", [path])!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>A file stream on a disk that fills up: writes are buffered, flushing fails with ENOSPC.</summary>
    private sealed class DiskFullStream(string path, FileMode mode) : FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 20)
    {
        public override void Flush(bool flushToDisk) => throw new IOException("No space left on device");

        public override void Flush() => throw new IOException("No space left on device");

        private bool _closed;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && !_closed)
            {
                _closed = true; // fail once, as close(2) does; never on the finalizer thread
                throw new IOException("No space left on device");
            }
        }
    }
}
