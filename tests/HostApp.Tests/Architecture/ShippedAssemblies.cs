using System.Xml.Linq;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>A shipped project: its name (the <c>.csproj</c> file's), its folder and its compiled assembly.</summary>
internal sealed record ShippedAssembly(string Project, string ProjectDirectory, string AssemblyPath);

/// <summary>
/// The compiled assembly of every shipped project (<c>src/*/*.csproj</c> and <c>latency-bench</c>, as
/// <see cref="ProjectGraph"/> finds them), taken from this test's output folder: the test project references each
/// one, so the build copies the current assemblies beside it.
/// </summary>
internal static class ShippedAssemblies
{
    /// <summary>Every shipped project with its assembly; throws naming a project whose assembly is not beside the
    /// test (a new project must be referenced from HostApp.Tests to be checked).</summary>
    public static IReadOnlyList<ShippedAssembly> Locate(string repoRoot)
    {
        var found = new List<ShippedAssembly>();
        foreach (string project in ProjectGraph.ProjectFiles(repoRoot))
        {
            string name = Path.GetFileNameWithoutExtension(project);
            string path = Path.Combine(AppContext.BaseDirectory, AssemblyName(project) + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{name}'s assembly is not in the test output: reference {name} from HostApp.Tests.csproj", path);
            }

            found.Add(new ShippedAssembly(name, Path.GetDirectoryName(project)!, path));
        }

        return found;
    }

    /// <summary>The project's <c>AssemblyName</c>, or its file name when it sets none (the SDK's default).</summary>
    private static string AssemblyName(string projectFile) =>
        XDocument.Load(projectFile).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
        ?? Path.GetFileNameWithoutExtension(projectFile);
}
