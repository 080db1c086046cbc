using System.Globalization;

namespace RtDenoise.LatencyBench.Stream;

/// <summary>Process memory as the kernel sees it (/proc/self/status VmHWM = peak resident set).</summary>
internal static class ProcessFootprint
{
    public static long PeakRssBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kb = line[6..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return Environment.WorkingSet;
    }
}
