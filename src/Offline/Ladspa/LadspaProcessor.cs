using System.Runtime.InteropServices;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.Ladspa;

namespace RtDenoise.Offline.Ladspa;

/// <summary>
/// <c>ladspa:LIB.so:LABEL?port=value&amp;…</c>: a LADSPA plugin instance as a mono chain stage. The first audio input
/// port receives the block and the first audio output port is the result; further audio inputs get silence and
/// further audio outputs are discarded. Control inputs take the values given, else the ladspa.h default for the
/// rate. A control output named <c>latency</c> (the LADSPA convention, read after <c>activate</c>) is the latency.
/// </summary>
/// <remarks>
/// All port memory is native (<see cref="NativeMemory"/>) and connected once in <see cref="Configure"/>, so
/// <see cref="Process"/> only copies a block in, calls <c>run</c>, and copies it out — no allocation, no marshalling.
/// Blocks longer than <c>maxBlock</c> are run in <c>maxBlock</c> pieces.
/// </remarks>
public sealed unsafe class LadspaProcessor : IAudioProcessor
{
    private readonly LadspaLibrary _library;
    private readonly LadspaPluginInfo _info;
    private readonly LadspaDescriptor* _descriptor;
    private readonly Dictionary<int, float> _requested;
    private readonly int _audioIn;
    private readonly int _audioOut;
    private readonly int _latencyPort;
    private ProcessorParameter[] _parameters;
    private IntPtr _instance;
    private long _sanitised;
    private long _stateResets;
    private float* _controls;
    private float* _audio;
    private int _block;
    private int _sampleRate;
    private bool _active;

    /// <summary>Takes ownership of <paramref name="library"/>.</summary>
    /// <exception cref="LadspaLoadException">unknown label, no mono audio path, or an unknown control port.</exception>
    public LadspaProcessor(LadspaLibrary library, string label, IReadOnlyList<KeyValuePair<string, float>>? controls = null)
    {
        _library = library;
        _info = library.Find(label);
        _descriptor = library.Descriptor(_info.Index);
        _audioIn = _info.Ports.FirstOrDefault(p => p.IsAudio && p.IsInput)?.Index ?? -1;
        _audioOut = _info.Ports.FirstOrDefault(p => p.IsAudio && p.IsOutput)?.Index ?? -1;
        if (_audioIn < 0 || _audioOut < 0)
        {
            throw new LadspaLoadException($"{label} in '{library.Path}' needs an audio input and an audio output port to run in a chain.");
        }

        _latencyPort = _info.Ports.FirstOrDefault(p => p.IsControl && p.IsOutput && p.Name.Trim().Equals("latency", StringComparison.OrdinalIgnoreCase))?.Index ?? -1;
        _requested = [];
        foreach ((string port, float value) in controls ?? [])
        {
            _requested[FindControlInput(port).Index] = value;
        }

        _parameters = BuildParameters(48000);
    }

    public string Name => $"ladspa:{_info.Label}";

    public LadspaPluginInfo Info => _info;

    public int LatencySamples => _latencyPort >= 0 && _controls is not null ? Math.Max(0, (int)MathF.Round(_controls[_latencyPort])) : 0;

    public IReadOnlyList<ProcessorParameter> Parameters => _parameters;

    public void Configure(int sampleRate, int maxBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlock);
        Release();
        _sampleRate = sampleRate;
        _block = maxBlock;
        _parameters = BuildParameters(sampleRate);
        int ports = _info.Ports.Count;
        _controls = (float*)NativeMemory.AllocZeroed((nuint)Math.Max(1, ports), sizeof(float));
        _audio = (float*)NativeMemory.AllocZeroed((nuint)ports * (nuint)maxBlock, sizeof(float));
        _instance = _descriptor->Instantiate(_descriptor, (nuint)sampleRate);
        if (_instance == IntPtr.Zero)
        {
            Release();
            throw new InvalidChainSpecException($"{Name}: instantiate at {sampleRate} Hz failed (the plugin returned NULL).");
        }

        foreach (LadspaPortInfo p in _info.Ports)
        {
            if (p.IsControl)
            {
                _controls[p.Index] = p.IsInput ? (_requested.TryGetValue(p.Index, out float v) ? v : p.Default(sampleRate)) : 0f;
                _descriptor->ConnectPort(_instance, (nuint)p.Index, _controls + p.Index);
            }
            else
            {
                _descriptor->ConnectPort(_instance, (nuint)p.Index, AudioBuffer(p.Index));
            }
        }

        Activate();
    }

    public void Process(Span<float> block)
    {
        if (_instance == IntPtr.Zero)
        {
            throw new InvalidOperationException($"{Name}: Configure must be called before Process.");
        }

        float* input = AudioBuffer(_audioIn);
        float* output = AudioBuffer(_audioOut);
        _sanitised += Engine.Chain.SampleGuard.Sanitise(block); // a plugin's filter state would keep a NaN forever
        for (int pos = 0; pos < block.Length; pos += _block)
        {
            int n = Math.Min(_block, block.Length - pos);
            Span<float> piece = block.Slice(pos, n);
            piece.CopyTo(new Span<float>(input, n));
            _descriptor->Run(_instance, (nuint)n);
            new ReadOnlySpan<float>(output, n).CopyTo(piece);
            if (Engine.Chain.SampleGuard.ZeroNonFinite(piece) > 0)
            {
                // Fault path only: deactivate + activate is ladspa.h's reset, not promised real-time safe.
                Reset();
                _stateResets++;
            }
        }
    }

    /// <inheritdoc/>
    public long SanitisedSamples => _sanitised;

    /// <inheritdoc/>
    public long StateResets => _stateResets;

    /// <summary>deactivate + activate: ladspa.h's way to "reset all state information dependent on the history".</summary>
    public void Reset()
    {
        if (_instance == IntPtr.Zero)
        {
            return;
        }

        Deactivate();
        Activate();
    }

    public float GetParameter(string name)
    {
        LadspaPortInfo port = FindControlInput(name);
        return _controls is not null ? _controls[port.Index] : (_requested.TryGetValue(port.Index, out float v) ? v : port.Default(48000));
    }

    public void SetParameter(string name, float value)
    {
        LadspaPortInfo port = FindControlInput(name);
        _requested[port.Index] = value;
        if (_controls is not null)
        {
            _controls[port.Index] = value;
        }
    }

    public void Dispose()
    {
        Release();
        _library.Dispose();
    }

    private float* AudioBuffer(int port) => _audio + ((nint)port * _block);

    private void Activate()
    {
        if (_descriptor->Activate != null)
        {
            _descriptor->Activate(_instance);
        }

        _active = true;
    }

    private void Deactivate()
    {
        if (_active && _descriptor->Deactivate != null)
        {
            _descriptor->Deactivate(_instance);
        }

        _active = false;
    }

    private void Release()
    {
        if (_instance != IntPtr.Zero)
        {
            Deactivate();
            if (_descriptor->Cleanup != null)
            {
                _descriptor->Cleanup(_instance);
            }

            _instance = IntPtr.Zero;
        }

        NativeMemory.Free(_controls);
        NativeMemory.Free(_audio);
        _controls = null;
        _audio = null;
    }

    private ProcessorParameter[] BuildParameters(int rate) =>
        [.. _info.Ports.Where(p => p.IsControl && p.IsInput).Select(p => new ProcessorParameter(p.Name, p.Lower(rate) ?? float.MinValue, p.Upper(rate) ?? float.MaxValue, p.Default(rate), string.Empty))];

    /// <summary>A control input by index, exact name, or name without its trailing "(unit)" part; case-insensitive.</summary>
    private LadspaPortInfo FindControlInput(string port)
    {
        IEnumerable<LadspaPortInfo> inputs = _info.Ports.Where(p => p.IsControl && p.IsInput);
        string wanted = port.Trim();
        LadspaPortInfo? match = int.TryParse(wanted, out int index)
            ? inputs.FirstOrDefault(p => p.Index == index)
            : inputs.FirstOrDefault(p => string.Equals(p.Name.Trim(), wanted, StringComparison.OrdinalIgnoreCase))
              ?? inputs.FirstOrDefault(p => string.Equals(StripUnit(p.Name), wanted, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new LadspaLoadException(
            $"{_info.Label} has no control input port '{port}'; its control inputs are: {string.Join(", ", inputs.Select(p => $"{p.Index} \"{p.Name}\""))}.");
    }

    private static string StripUnit(string name)
    {
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        return (paren > 0 ? name[..paren] : name).Trim();
    }
}
