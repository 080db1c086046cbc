using System.Globalization;
using System.Runtime.InteropServices;
using RtDenoise.Engine;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Live;
using RtDenoise.Engine.PortAudio;
using RtDenoise.HostApp.Cli;
using Serilog;

namespace RtDenoise.HostApp.Live;

/// <summary>
/// Shared body of `live` and `virtual-mic`: opens PortAudio, resolves the devices, streams until the duration
/// ends, Ctrl-C/SIGTERM arrives or a device fails, then prints the statistics (stderr) and the JSON line (stdout).
/// </summary>
public static class LiveRunner
{
    public static int Run(LiveRequest request)
    {
        int blockFrames = ValidatedBlockFrames(request);
        IAudioProcessor? processor = request.Bypass ? null : Configure(request.ProcessorFactory!(request.SampleRate), request.SampleRate, blockFrames);
        PortAudioLibrary? pa = null;
        bool terminate = true;
        try
        {
            pa = InitializePortAudio(request.Verbose);
            DeviceSelection input = Resolve(pa, request.Input, StreamDirection.Input);
            DeviceSelection output = Resolve(pa, request.Output, StreamDirection.Output);
            var session = new LiveSession(pa, input, output, EngineOptions(request, blockFrames));
            LiveRunResult result = StreamUntilDone(session, ref processor, input, output, request, blockFrames);
            Report(result, request.Json);
            // PortAudio hung in stop/close: Pa_Terminate would hang too. Leave it; the hung call runs on a background
            // thread, which does not keep the process from exiting.
            terminate = !session.Abandoned;

            return result.Fault is null ? ExitCodes.Ok : ExitCodes.Failure;
        }
        catch (PortAudioException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            processor?.Dispose();
            if (terminate)
            {
                pa?.Dispose();
            }
        }
    }

    /// <summary>Checks the request's numbers (one-line errors, exit 2, before anything opens); returns the block in frames.</summary>
    private static int ValidatedBlockFrames(LiveRequest request)
    {
        if (request.SampleRate < 8000 || request.SampleRate > 192000)
        {
            throw new UserInputException($"--rate {request.SampleRate}: expected 8000..192000 Hz.");
        }

        int blockFrames = (int)Math.Round(request.BlockMilliseconds * request.SampleRate / 1000);
        if (!(request.BlockMilliseconds > 0 && request.BlockMilliseconds <= 200) || blockFrames < 16)
        {
            throw new UserInputException($"--block-ms {request.BlockMilliseconds.ToString(CultureInfo.InvariantCulture)}: expected a block of 16 frames .. 200 ms.");
        }

        if (request.BufferMilliseconds is { } bm && !(bm >= 0 && bm <= 500))
        {
            throw new UserInputException($"--buffer-ms {bm.ToString(CultureInfo.InvariantCulture)}: expected 0..500 ms.");
        }

        if (request.DeviceLatencyMilliseconds is { } dl && !(dl > 0 && dl <= 1000))
        {
            throw new UserInputException($"--device-latency-ms {dl.ToString(CultureInfo.InvariantCulture)}: expected 0 < ms ≤ 1000.");
        }

        if (request.Duration is { } d && d <= TimeSpan.Zero)
        {
            throw new UserInputException("--duration must be positive.");
        }

        return blockFrames;
    }

    private static LiveEngineOptions EngineOptions(LiveRequest request, int blockFrames)
    {
        var options = new LiveEngineOptions(request.SampleRate, blockFrames) { Bypass = request.Bypass, Underrun = request.Underrun, Realtime = request.Realtime };
        if (request.BufferMilliseconds is { } bufferMs)
        {
            options = options with { TargetFillFrames = (int)Math.Round(bufferMs * request.SampleRate / 1000) };
        }

        if (request.DeviceLatencyMilliseconds is { } deviceMs)
        {
            options = options with { SuggestedLatencySeconds = deviceMs / 1000 };
        }

        return options;
    }

    /// <summary>
    /// Runs the session with Ctrl-C and SIGTERM turned into a clean stop and the PulseAudio device watch on; hands
    /// <paramref name="processor"/> to the session (set to null here once it does, so the caller does not dispose it).
    /// </summary>
    private static LiveRunResult StreamUntilDone(LiveSession session, ref IAudioProcessor? processor, DeviceSelection input, DeviceSelection output, LiveRequest request, int blockFrames)
    {
        // Ctrl-C, SIGTERM and the other stop signals end the run cleanly (statistics printed, streams closed); one
        // that does not stop within the grace time is ended by ProcessSignals.
        using var signals = new TerminationSignals(ProcessSignals.GraceTime);

        Announce(input, output, processor, request, blockFrames);
        StatsLine? stats = request.Stats ? new StatsLine() : null;
        using var watch = PulseDeviceWatch.TryStart(
            PulseDeviceWatch.PulseDeviceName(input.AlsaDeviceString),
            PulseDeviceWatch.PulseDeviceName(output.AlsaDeviceString),
            session.ReportFault);
        try
        {
            IAudioProcessor? owned = processor;
            processor = null; // the session owns it now
            return session.Run(owned, request.Duration, signals.Token, stats is null ? null : s => stats.Show(s, session.DeclaredLatencyMilliseconds));
        }
        finally
        {
            stats?.Finish();
        }
    }

    /// <summary>The run's first lines on stderr: the route, and for a quantized model its kernel plan.</summary>
    private static void Announce(DeviceSelection input, DeviceSelection output, IAudioProcessor? processor, LiveRequest request, int blockFrames)
    {
        Console.Error.WriteLine($"rtdenoise live: {input} → {(request.Bypass ? "bypass" : Describe(processor!))} → {output}, {request.SampleRate} Hz, {blockFrames} frames; Ctrl-C stops");
        if (processor is DenoiserProcessor { Denoiser: { HasSpectralProcessor: true, Processor: RtDenoise.Engine.Model.DnnSpectralProcessor { QuantizedKernelPath: { } plan } } })
        {
            // Which kernel each quantized layer runs on here, and why (timed at load, or forced).
            Console.Error.WriteLine($"rtdenoise live: {plan}");
        }
    }

    /// <summary>
    /// Configures the processor for the stream before any device opens, so a setting invalid at this rate (a cut-off
    /// above Nyquist) is a one-line input error, not a fault mid-stream; the processor is disposed on failure.
    /// </summary>
    private static IAudioProcessor Configure(IAudioProcessor processor, int sampleRate, int blockFrames)
    {
        try
        {
            processor.Configure(sampleRate, blockFrames);
            return processor;
        }
        catch (InvalidChainSpecException ex)
        {
            processor.Dispose();
            throw new UserInputException($"--chain: {ex.Message}");
        }
        catch
        {
            processor.Dispose();
            throw;
        }
    }

    /// <summary>What runs, for the start line: the denoiser's spectral processor type (as before chains), else its
    /// name (Speex works in the time domain and has no spectral processor), else the chain's name.</summary>
    internal static string Describe(IAudioProcessor processor) => processor switch
    {
        DenoiserProcessor { Denoiser: { HasSpectralProcessor: true } d } => d.Processor.GetType().Name,
        DenoiserProcessor { Denoiser: var d } => d.Name,
        _ => processor.Name,
    };

    public static PortAudioLibrary InitializePortAudio(bool verbose)
    {
        PortAudioLibrary pa = PortAudioLibrary.Initialize(quiet: !verbose);
        Log.Debug("{Version}", PortAudioLibrary.VersionText);
        return pa;
    }

    private static DeviceSelection Resolve(PortAudioLibrary pa, string? argument, StreamDirection direction)
    {
        try
        {
            return DeviceResolver.Resolve(pa, argument, direction);
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }

    private static void Report(LiveRunResult r, bool json)
    {
        Console.Error.WriteLine(LiveSummary.Text(r));
        if (r.Fault is not null)
        {
            Console.Error.WriteLine($"error: {r.Fault}");
        }

        if (json)
        {
            Console.Out.WriteLine(LiveSummary.Json(r));
        }
    }
}
