using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// Builds a shipped assembly's <see cref="NamespaceGraph"/>: every use its compiled image shows, plus what only its
/// sources show (see <see cref="SourceFile"/>): <c>using</c> directives and constants read as <c>Type.Member</c>.
/// Where both show an edge, the compiled example is kept (it names both types).
/// </summary>
internal static class NamespaceGraphReader
{
    public static NamespaceGraph Read(ShippedAssembly shipped)
    {
        using var image = new PEReader(File.OpenRead(shipped.AssemblyPath));
        MetadataReader metadata = image.GetMetadataReader();
        var edges = new Dictionary<NamespaceEdge, string>();
        AddCompiledUses(image, edges);

        AddSourceUses(metadata, SourceFile.In(shipped.ProjectDirectory), edges);
        return new NamespaceGraph(metadata.GetString(metadata.GetAssemblyDefinition().Name), edges);
    }

    private static void AddCompiledUses(PEReader image, Dictionary<NamespaceEdge, string> edges)
    {
        MetadataReader metadata = image.GetMetadataReader();
        var usage = new TypeUsageReader(image);
        foreach (TypeDefinitionHandle user in metadata.TypeDefinitions.Where(t => IsProjectCode(metadata, t)))
        {
            string from = MetadataNames.NamespaceOf(metadata, user);
            foreach (TypeDefinitionHandle used in usage.UsedBy(user).Where(t => IsProjectCode(metadata, t)))
            {
                string to = MetadataNames.NamespaceOf(metadata, used);
                if (from == to)
                {
                    continue;
                }

                string example = $"{MetadataNames.DisplayName(metadata, user)} uses {MetadataNames.DisplayName(metadata, used)}";
                var edge = new NamespaceEdge(from, to);
                // The first example by name, so the same build always shows the same one.
                if (!edges.TryGetValue(edge, out string? shown) || string.CompareOrdinal(example, shown) < 0)
                {
                    edges[edge] = example;
                }
            }
        }
    }

    private static void AddSourceUses(MetadataReader metadata, IReadOnlyList<SourceFile> files, Dictionary<NamespaceEdge, string> edges)
    {
        var namespaces = metadata.TypeDefinitions
            .Where(t => IsProjectCode(metadata, t))
            .Select(t => MetadataNames.NamespaceOf(metadata, t))
            .ToHashSet(StringComparer.Ordinal);
        ILookup<(string TypeName, string Member), ConstantMember> constants = Constants(metadata).ToLookup(c => (c.TypeName, c.Member));
        foreach (SourceFile file in files.Where(f => namespaces.Contains(f.Namespace)))
        {
            foreach (string directive in file.Usings)
            {
                // `using static N.T;` and `using A = N.T;` name a type: its namespace is the longest prefix that is one.
                if (NamespaceNamedBy(directive, namespaces) is { } target && target != file.Namespace)
                {
                    edges.TryAdd(new NamespaceEdge(file.Namespace, target), $"{file.Path} has using {directive}");
                }
            }

            foreach ((string target, string read) in ConstantReads.In(file, constants))
            {
                if (target != file.Namespace)
                {
                    edges.TryAdd(new NamespaceEdge(file.Namespace, target), $"{file.Path} reads {read}");
                }
            }
        }
    }

    /// <summary>The assembly's constants: <c>const</c> fields and enum members (both literal fields in metadata).</summary>
    private static IEnumerable<ConstantMember> Constants(MetadataReader metadata) =>
        from type in metadata.TypeDefinitions.Where(t => IsProjectCode(metadata, t))
        let definition = metadata.GetTypeDefinition(type)
        from field in definition.GetFields().Select(metadata.GetFieldDefinition)
        where (field.Attributes & System.Reflection.FieldAttributes.Literal) != 0
        select new ConstantMember(
            MetadataNames.DisplayName(metadata, type).Split('.')[^1],
            metadata.GetString(field.Name),
            MetadataNames.NamespaceOf(metadata, type));

    private static string? NamespaceNamedBy(string target, HashSet<string> namespaces)
    {
        for (string name = target; name.Length > 0; name = name[..Math.Max(name.LastIndexOf('.'), 0)])
        {
            if (namespaces.Contains(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// False for what the compiler adds beside the project's namespaces: top-level made-up types
    /// (<c>&lt;Module&gt;</c>, <c>&lt;PrivateImplementationDetails&gt;</c>, anonymous types, inline arrays), and the
    /// attributes and helpers compilers and source generators emit into the BCL's own namespaces
    /// (<c>System.Runtime.CompilerServices.NullableAttribute</c>, <c>System.Text.RegularExpressions.Generated</c>).
    /// A compiler-generated type nested in a project type (a closure, an iterator) is project code of its namespace.
    /// </summary>
    private static bool IsProjectCode(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        TypeDefinition top = metadata.GetTypeDefinition(MetadataNames.TopLevel(metadata, handle));
        string ns = metadata.GetString(top.Namespace);
        return !MetadataNames.IsCompilerGenerated(metadata.GetString(top.Name))
            && !IsPlatformNamespace(ns, "System")
            && !IsPlatformNamespace(ns, "Microsoft");
    }

    private static bool IsPlatformNamespace(string ns, string root) =>
        ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
}
