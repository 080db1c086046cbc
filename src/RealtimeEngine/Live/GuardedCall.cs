namespace RtDenoise.Engine.Live;

/// <summary>
/// Runs a possibly hanging native call (Pa_StopStream, Pa_CloseStream, Pa_Terminate) on a background thread and
/// waits at most a deadline. PortAudio's ALSA thread has been seen spinning inside the pulse plugin so that
/// Pa_StopStream never returned; the run must still end. A call that misses its deadline keeps running on its
/// background thread, which does not keep the process alive.
/// </summary>
public static class GuardedCall
{
    /// <summary>True when <paramref name="action"/> finished within <paramref name="deadline"/> (its exception, if any, is rethrown).</summary>
    public static bool Run(string name, Action action, TimeSpan deadline)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        { IsBackground = true, Name = $"rtdenoise-guard-{name}" };
        thread.Start();
        if (!thread.Join(deadline))
        {
            return false;
        }

        if (failure is not null)
        {
            throw new PortAudio.PortAudioException($"{name}: {failure.Message}", failure);
        }

        return true;
    }
}
