namespace RtDenoise.Engine.Tests;

/// <summary>
/// A named pipe with no writer, and the check that a reader refuses it by kind: opening one for reading blocks until
/// something writes, so a reader that opens before it looks would hang the test (bounded here at 10 s).
/// </summary>
internal static class FifoRefusal
{
    /// <summary>Makes a FIFO at <paramref name="path"/>, runs <paramref name="open"/> on it and returns the message of
    /// the <typeparamref name="TException"/> it must throw; fails if it blocks instead.</summary>
    public static async Task<string> MessageOf<TException>(string path, Action<string> open)
        where TException : Exception
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        using (var p = System.Diagnostics.Process.Start("mkfifo", path))
        {
            await p.WaitForExitAsync(cancel);
        }

        Task<string> refused = Task.Run(() => Assert.Throws<TException>(() => open(path)).Message, cancel);
        Task first = await Task.WhenAny(refused, Task.Delay(TimeSpan.FromSeconds(10), cancel));
        Assert.True(first == refused, $"opening the FIFO '{path}' blocked");
        return await refused;
    }
}
