using System.Reflection.Metadata;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>Names of an assembly's own type definitions: the namespace a type belongs to and how to show it.</summary>
internal static class MetadataNames
{
    /// <summary>What the graph calls the global namespace (the command's top-level statements live there).</summary>
    public const string GlobalNamespace = "(global)";

    /// <summary>The outermost type holding <paramref name="handle"/> (itself when it is not nested): closures,
    /// state machines and other compiler-generated nested types belong to the namespace of the type they serve.</summary>
    public static TypeDefinitionHandle TopLevel(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        for (TypeDefinitionHandle outer = metadata.GetTypeDefinition(handle).GetDeclaringType(); !outer.IsNil;
             outer = metadata.GetTypeDefinition(outer).GetDeclaringType())
        {
            handle = outer;
        }

        return handle;
    }

    /// <summary>The namespace <paramref name="handle"/> belongs to (its outermost type's).</summary>
    public static string NamespaceOf(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        string ns = metadata.GetString(metadata.GetTypeDefinition(TopLevel(metadata, handle)).Namespace);
        return ns.Length == 0 ? GlobalNamespace : ns;
    }

    /// <summary>The name a reader recognises from the source: <c>Outer.Inner</c> without generic arity, stopping
    /// before the first compiler-generated type (<c>Denoiser</c>, not <c>Denoiser.&lt;&gt;c__DisplayClass3_0</c>).</summary>
    public static string DisplayName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var names = new List<string>();
        for (TypeDefinitionHandle t = handle; !t.IsNil; t = metadata.GetTypeDefinition(t).GetDeclaringType())
        {
            names.Add(WithoutArity(metadata.GetString(metadata.GetTypeDefinition(t).Name)));
        }

        names.Reverse();
        int generated = names.FindIndex(IsCompilerGenerated);
        return string.Join('.', generated > 0 ? names.Take(generated) : names);
    }

    /// <summary>The runtime's name: <c>Namespace.Outer+Inner</c> (with generic arity).</summary>
    public static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        TypeDefinition type = metadata.GetTypeDefinition(handle);
        TypeDefinitionHandle outer = type.GetDeclaringType();
        string name = metadata.GetString(type.Name);
        if (!outer.IsNil)
        {
            return FullName(metadata, outer) + "+" + name;
        }

        string ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Names the compiler makes up (<c>&lt;Module&gt;</c>, <c>&lt;PrivateImplementationDetails&gt;</c>,
    /// closures, anonymous types, inline arrays) start with '&lt;', which no C# identifier can.</summary>
    public static bool IsCompilerGenerated(string name) => name.StartsWith('<');

    private static string WithoutArity(string name)
    {
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
