using System.Text.RegularExpressions;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>A constant (or enum member) of an assembly: the simple name of its type, the member and the type's namespace.</summary>
internal sealed record ConstantMember(string TypeName, string Member, string Namespace);

/// <summary>
/// The constants a source file reads as <c>Type.Member</c> (a <c>const</c> field or an enum member of one of the
/// assembly's types). The compiler copies their values into the reading code, so only the source shows that the
/// file's namespace uses the constant's.
/// </summary>
internal static partial class ConstantReads
{
    /// <summary>The namespaces whose constants <paramref name="file"/> reads, each with the <c>Type.Member</c> read.
    /// Where two namespaces hold a type of that name with that member, the one the file sees (its own, an
    /// enclosing one or one it imports) is taken.</summary>
    public static IEnumerable<(string Namespace, string Read)> In(SourceFile file, ILookup<(string TypeName, string Member), ConstantMember> constants)
    {
        foreach (Match read in QualifiedName().Matches(file.Code))
        {
            var key = (read.Groups["type"].Value, read.Groups["member"].Value);
            List<ConstantMember> candidates = constants[key].ToList();
            if (candidates.Count > 1)
            {
                candidates = candidates.Where(c => Sees(file, c.Namespace)).ToList();
            }

            if (candidates.Count == 1)
            {
                yield return (candidates[0].Namespace, $"{key.Item1}.{key.Item2}");
            }
        }
    }

    private static bool Sees(SourceFile file, string ns) =>
        file.Namespace == ns
        || file.Namespace.StartsWith(ns + ".", StringComparison.Ordinal)
        || file.Usings.Contains(ns);

    // A lookahead, so that in `Processing.AttenuationLimit.NoneDb` both `Processing.AttenuationLimit` and
    // `AttenuationLimit.NoneDb` are tried.
    [GeneratedRegex(@"\b(?<type>[A-Za-z_]\w*)(?=\s*\.\s*(?<member>[A-Za-z_]\w*)\b)")]
    private static partial Regex QualifiedName();
}
