using System.Runtime.InteropServices;
using RtDenoise.Engine.IO;
using RtDenoise.Engine.Ladspa;

namespace RtDenoise.Offline.Ladspa;

/// <summary>
/// A loaded LADSPA plugin library: <c>dlopen</c> through <see cref="NativeLibrary"/>, then
/// <c>ladspa_descriptor(0, 1, …)</c> until it returns NULL (ladspa.h: "indices … start at 0 and are contiguous").
/// The descriptors point into the library, so it stays loaded until disposed; instances keep their library alive.
/// </summary>
public sealed unsafe class LadspaLibrary : IDisposable
{
    // A sanity cap on enumeration: ladspa.h promises a NULL terminator, a broken library might not deliver it.
    private const int MaxDescriptors = 4096;

    private readonly List<IntPtr> _descriptors = [];
    private IntPtr _handle;

    private LadspaLibrary(string path, IntPtr handle, delegate* unmanaged<nuint, LadspaDescriptor*> entry)
    {
        Path = path;
        _handle = handle;
        for (nuint i = 0; i < MaxDescriptors; i++)
        {
            LadspaDescriptor* d = entry(i);
            if (d == null)
            {
                break;
            }

            _descriptors.Add((IntPtr)d);
        }

        Plugins = [.. _descriptors.Select((d, i) => ReadInfo(path, i, (LadspaDescriptor*)d))];
    }

    public string Path { get; }

    public IReadOnlyList<LadspaPluginInfo> Plugins { get; }

    /// <summary>Loads a library by path (a bare file name is searched in <see cref="LadspaSearchPath"/>).</summary>
    /// <exception cref="LadspaLoadException">not found, not loadable, or no <c>ladspa_descriptor</c> export.</exception>
    public static LadspaLibrary Load(string pathOrFileName)
    {
        string path = LadspaSearchPath.Resolve(pathOrFileName);

        // By kind before any open: a FIFO would block the open (and dlopen) until something writes to it.
        BoundedFile.RequireRegular(path, "LADSPA library", long.MaxValue, why => new LadspaLoadException(why));
        string? problem;
        try
        {
            problem = ElfImageCheck.Problem(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LadspaLoadException($"'{path}' cannot be read: {ex.Message}", ex);
        }

        if (problem is not null)
        {
            // dlopen would map it anyway and die of SIGBUS on a truncated file.
            throw new LadspaLoadException($"'{path}' cannot be loaded as a shared library: {problem}.");
        }

        IntPtr handle;
        try
        {
            handle = NativeLibrary.Load(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new LadspaLoadException($"'{path}' cannot be loaded as a shared library: {ex.Message}", ex);
        }

        if (!NativeLibrary.TryGetExport(handle, "ladspa_descriptor", out IntPtr entry))
        {
            NativeLibrary.Free(handle);
            throw new LadspaLoadException($"'{path}' is not a LADSPA plugin library: it exports no ladspa_descriptor.");
        }

        return new LadspaLibrary(path, handle, (delegate* unmanaged<nuint, LadspaDescriptor*>)entry);
    }

    /// <summary>The plugin with this label (labels are unique within a library; ladspa.h).</summary>
    /// <exception cref="LadspaLoadException">no such label.</exception>
    public LadspaPluginInfo Find(string label)
    {
        return Plugins.FirstOrDefault(p => p.Label == label)
            ?? throw new LadspaLoadException($"'{Path}' has no plugin labelled '{label}'; it has: {string.Join(", ", Plugins.Select(p => p.Label))}.");
    }

    internal LadspaDescriptor* Descriptor(int index)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        return (LadspaDescriptor*)_descriptors[index];
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            NativeLibrary.Free(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private static LadspaPluginInfo ReadInfo(string path, int index, LadspaDescriptor* d)
    {
        var ports = new LadspaPortInfo[(int)d->PortCount];
        for (int p = 0; p < ports.Length; p++)
        {
            LadspaPortRangeHint hint = d->PortRangeHints is null ? default : d->PortRangeHints[p];
            ports[p] = new LadspaPortInfo(p, Str(d->PortNames is null ? null : d->PortNames[p]) ?? $"port {p}", d->PortDescriptors[p], hint.HintDescriptor, hint.LowerBound, hint.UpperBound);
        }

        return new LadspaPluginInfo(path, index, d->UniqueId, Str(d->Label) ?? string.Empty, Str(d->Name) ?? string.Empty, Str(d->Maker) ?? string.Empty, Str(d->Copyright) ?? string.Empty, d->Properties, ports);
    }

    private static string? Str(byte* s) => s is null ? null : Marshal.PtrToStringUTF8((IntPtr)s);
}
