using RtDenoise.Engine.Ladspa;

namespace RtDenoise.Offline.Ladspa;

/// <summary>What one <c>ladspa_descriptor(index)</c> entry declares (copied out of native memory).</summary>
public sealed record LadspaPluginInfo(
    string LibraryPath,
    int Index,
    ulong UniqueId,
    string Label,
    string Name,
    string Maker,
    string Copyright,
    int Properties,
    IReadOnlyList<LadspaPortInfo> Ports)
{
    public bool IsRealtime => (Properties & LadspaConstants.PropertyRealtime) != 0;

    public bool IsInplaceBroken => (Properties & LadspaConstants.PropertyInplaceBroken) != 0;

    public bool IsHardRtCapable => (Properties & LadspaConstants.PropertyHardRtCapable) != 0;
}
