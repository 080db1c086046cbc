using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Tests.Scripts;

/// <summary>
/// The project's shell scripts run under <c>set -o pipefail</c>. There, <c>producer | grep -q PATTERN</c> is a race:
/// grep exits at its first match, the producer's next write gets SIGPIPE, and the pipeline's status becomes 141 —
/// a check that found what it looked for reads as "missing" and is skipped at random. Scripts must let grep read to
/// the end (<c>grep PATTERN &gt;/dev/null</c>) or test a here-string.
/// </summary>
public sealed class ShellPipelineTests
{
    private static readonly Regex QuietGrepInPipeline = new(@"\|\s*grep\s+-[A-Za-z]*q", RegexOptions.Compiled);

    [Fact]
    public void NoScriptEndsAPipelineWithAQuietGrep()
    {
        string root = CliRunner.RepoRoot();
        var offenders = new List<string>();
        foreach (string dir in new[] { "scripts", ".ci" })
        {
            string folder = Path.Combine(root, dir);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].TrimStart().StartsWith('#') && QuietGrepInPipeline.IsMatch(lines[i]))
                    {
                        offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "pipelines ending in grep -q (SIGPIPE under pipefail):\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("ldconfig -p | grep -q libportaudio", true)]
    [InlineData("sox -h 2>&1 | grep -qw ladspa", true)]
    [InlineData("x | grep -Eq 'a|b'", true)]
    [InlineData("ldconfig -p | grep libportaudio >/dev/null", false)]
    [InlineData("grep -q avx2 /proc/cpuinfo", false)]
    public void ThePatternFindsQuietGrepsInPipelinesOnly(string line, bool flagged) =>
        Assert.Equal(flagged, QuietGrepInPipeline.IsMatch(line));
}
