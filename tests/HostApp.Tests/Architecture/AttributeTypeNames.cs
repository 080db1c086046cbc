using System.Reflection.Metadata;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// Decodes custom attribute arguments far enough to read the <c>typeof(…)</c> ones, which metadata stores as
/// serialized type names (strings), not as tokens: <c>[JsonSerializable(typeof(Foo))]</c> depends on Foo's namespace
/// exactly as a call would. Types are named assembly-qualified so that an enum argument's underlying type can be
/// looked up through the runtime, which has every project assembly loaded beside this test.
/// </summary>
internal sealed class AttributeTypeNames(MetadataReader metadata) : ICustomAttributeTypeProvider<string>
{
    private const string SystemType = "System.Type";

    private readonly string _assemblyName = metadata.GetString(metadata.GetAssemblyDefinition().Name);

    /// <summary>The serialized type names among <paramref name="attribute"/>'s arguments (generic ones include
    /// their arguments' names between brackets).</summary>
    public IEnumerable<string> TypeArguments(CustomAttribute attribute)
    {
        CustomAttributeValue<string> value = attribute.DecodeValue(this);
        IEnumerable<CustomAttributeTypedArgument<string>> arguments =
            value.FixedArguments.Concat(value.NamedArguments.Select(n => new CustomAttributeTypedArgument<string>(n.Type, n.Value)));
        return arguments.SelectMany(TypeNamesIn);
    }

    private static IEnumerable<string> TypeNamesIn(CustomAttributeTypedArgument<string> argument) => argument.Value switch
    {
        IEnumerable<CustomAttributeTypedArgument<string>> elements => elements.SelectMany(TypeNamesIn),
        string name when IsSystemTypeName(argument.Type) => [name],
        _ => [],
    };

    private static bool IsSystemTypeName(string type) =>
        type == SystemType || type.StartsWith(SystemType + ",", StringComparison.Ordinal);

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        $"{MetadataNames.FullName(reader, handle)}, {_assemblyName}";

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        TypeReference reference = reader.GetTypeReference(handle);
        string name = reader.GetString(reference.Name);
        string ns = reader.GetString(reference.Namespace);
        string qualified = ns.Length == 0 ? name : ns + "." + name;
        switch (reference.ResolutionScope.Kind)
        {
            case HandleKind.TypeReference:
                string outer = GetTypeFromReference(reader, (TypeReferenceHandle)reference.ResolutionScope, rawTypeKind);
                int assemblyPart = outer.IndexOf(',', StringComparison.Ordinal);
                return outer[..assemblyPart] + "+" + name + outer[assemblyPart..];
            case HandleKind.AssemblyReference:
                var assembly = (AssemblyReferenceHandle)reference.ResolutionScope;
                return $"{qualified}, {reader.GetString(reader.GetAssemblyReference(assembly).Name)}";
            default:
                return $"{qualified}, {_assemblyName}";
        }
    }

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetSystemType() => SystemType;

    public bool IsSystemType(string type) => IsSystemTypeName(type);

    public string GetTypeFromSerializedName(string name) => name;

    public PrimitiveTypeCode GetUnderlyingEnumType(string type)
    {
        Type enumType = Type.GetType(type, throwOnError: true)!;
        return Type.GetTypeCode(Enum.GetUnderlyingType(enumType)) switch
        {
            TypeCode.SByte => PrimitiveTypeCode.SByte,
            TypeCode.Byte => PrimitiveTypeCode.Byte,
            TypeCode.Int16 => PrimitiveTypeCode.Int16,
            TypeCode.UInt16 => PrimitiveTypeCode.UInt16,
            TypeCode.Int32 => PrimitiveTypeCode.Int32,
            TypeCode.UInt32 => PrimitiveTypeCode.UInt32,
            TypeCode.Int64 => PrimitiveTypeCode.Int64,
            TypeCode.UInt64 => PrimitiveTypeCode.UInt64,
            TypeCode other => throw new BadImageFormatException($"enum {type} has underlying type {other}"),
        };
    }
}
