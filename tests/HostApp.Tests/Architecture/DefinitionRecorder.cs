using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// Decodes signature blobs (fields, methods, locals, generic instantiations, type specifications) and records every
/// type of the assembly being read that appears anywhere in them: <c>List&lt;Foo[]&gt;</c> records <c>Foo</c>.
/// Types of other assemblies are references, not definitions, and are not recorded: a namespace cycle can only run
/// through one assembly because project references are acyclic.
/// </summary>
internal sealed class DefinitionRecorder(MetadataReader metadata) : ISignatureTypeProvider<DefinitionRecorder.Nothing, object?>
{
    /// <summary>The decoded shape is not needed, only the definitions met on the way.</summary>
    internal readonly struct Nothing;

    public HashSet<TypeDefinitionHandle> Found { get; } = [];

    public Nothing GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        Found.Add(handle);
        return default;
    }

    public Nothing GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public Nothing GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => default;

    public Nothing GetPrimitiveType(PrimitiveTypeCode typeCode) => default;

    public Nothing GetSZArrayType(Nothing elementType) => default;

    public Nothing GetArrayType(Nothing elementType, ArrayShape shape) => default;

    public Nothing GetByReferenceType(Nothing elementType) => default;

    public Nothing GetPointerType(Nothing elementType) => default;

    public Nothing GetPinnedType(Nothing elementType) => default;

    public Nothing GetGenericInstantiation(Nothing genericType, ImmutableArray<Nothing> typeArguments) => default;

    public Nothing GetGenericMethodParameter(object? genericContext, int index) => default;

    public Nothing GetGenericTypeParameter(object? genericContext, int index) => default;

    public Nothing GetFunctionPointerType(MethodSignature<Nothing> signature) => default;

    public Nothing GetModifiedType(Nothing modifier, Nothing unmodifiedType, bool isRequired) => default;
}
