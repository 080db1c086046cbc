namespace RtDenoise.Engine.IO;

/// <summary>
/// Opens and reads input files without trusting anything but the file system: the path must name a regular file
/// (a FIFO would block the open, a device such as /dev/zero never ends), its real length must be within the
/// caller's limit, and a whole-file read allocates that length once and stops at it, whatever a header declares.
/// Problems are reported through the caller's exception factory, so each reader keeps its own exception type.
/// </summary>
public static class BoundedFile
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Returns the length of the regular file at <paramref name="path"/>, refusing anything else or a file
    /// longer than <paramref name="maxBytes"/>. <paramref name="what"/> names the file's role ("model file").</summary>
    public static long RequireRegular(string path, string what, long maxBytes, Func<string, Exception> error)
    {
        FileKind kind = FileKindProbe.Classify(path);
        if (kind == FileKind.Missing)
        {
            throw error($"{what} '{path}' does not exist.");
        }

        if (kind != FileKind.Regular)
        {
            throw error($"{what} '{path}' is {FileKindProbe.Describe(kind)}, not a regular file.");
        }

        long length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw error($"{what} '{path}' is {length} bytes, more than the {maxBytes}-byte limit.");
        }

        return length;
    }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> (see <see cref="RequireRegular"/>).</summary>
    public static byte[] ReadAll(string path, string what, long maxBytes, Func<string, Exception> error)
    {
        long length = RequireRegular(path, what, maxBytes, error);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var bytes = new byte[length];
            int got = 0;
            while (got < bytes.Length)
            {
                int n = stream.Read(bytes, got, Math.Min(ChunkBytes, bytes.Length - got));
                if (n <= 0)
                {
                    throw error($"{what} '{path}' shrank while being read ({got} of {length} bytes).");
                }

                got += n;
            }

            if (stream.ReadByte() >= 0)
            {
                throw error($"{what} '{path}' grew while being read (past {length} bytes).");
            }

            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw error($"cannot read {what} '{path}': {ex.Message}");
        }
    }
}
