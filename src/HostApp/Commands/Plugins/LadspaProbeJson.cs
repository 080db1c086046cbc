using System.Text.Json.Serialization;
using RtDenoise.Offline.Ladspa;

namespace RtDenoise.HostApp.Commands.Plugins;

/// <summary>How a probe process hands a library's plugin descriptions back (source-generated: the NativeAOT build
/// has no reflection-based serializer).</summary>
[JsonSerializable(typeof(List<LadspaPluginInfo>))]
internal sealed partial class LadspaProbeJson : JsonSerializerContext;
