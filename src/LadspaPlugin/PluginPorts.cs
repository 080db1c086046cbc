namespace RtDenoise.Engine.LadspaPlugin;

/// <summary>
/// The plugin's port layout (indices are part of the ABI: hosts such as sox and applyplugin pass control values in
/// this order).
/// <code>
///   0  Input                    audio   in
///   1  Output                   audio   out
///   2  Attenuation limit (dB)   control in   0..100, default 100 (= no limit)
///   3  Bypass                   control in   toggled, default 0
///   4  latency                  control out  samples at the host rate (LADSPA convention)
/// </code>
/// </summary>
internal static class PluginPorts
{
    public const int Input = 0;
    public const int Output = 1;
    public const int AttenuationLimit = 2;
    public const int Bypass = 3;
    public const int Latency = 4;
    public const int Count = 5;
}
