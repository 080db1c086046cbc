using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// The types of one assembly that a type of that assembly uses, read from its compiled metadata: base type,
/// interfaces, generic constraints, field, method, property and event signatures, custom attributes (their
/// constructors and <c>typeof</c> arguments), explicit interface implementations, and every method body's locals,
/// catch clauses and token-operand instructions. Whatever the source says through <c>using</c>, a fully qualified
/// name, a <c>var</c> or an extension method, the compiled code names the type it used.
/// </summary>
internal sealed class TypeUsageReader
{
    private readonly PEReader _image;
    private readonly MetadataReader _metadata;
    private readonly AttributeTypeNames _attributeTypes;
    private readonly Dictionary<string, TypeDefinitionHandle> _definitionsByFullName;

    public TypeUsageReader(PEReader image)
    {
        _image = image;
        _metadata = image.GetMetadataReader();
        _attributeTypes = new AttributeTypeNames(_metadata);
        _definitionsByFullName = _metadata.TypeDefinitions.ToDictionary(t => MetadataNames.FullName(_metadata, t), StringComparer.Ordinal);
    }

    /// <summary>Every type definition of this assembly that <paramref name="handle"/>'s own members use (its
    /// nested types are read on their own).</summary>
    public IReadOnlySet<TypeDefinitionHandle> UsedBy(TypeDefinitionHandle handle)
    {
        var recorder = new DefinitionRecorder(_metadata);
        TypeDefinition type = _metadata.GetTypeDefinition(handle);

        Entity(recorder, type.BaseType);
        Attributes(recorder, type.GetCustomAttributes());
        GenericParameters(recorder, type.GetGenericParameters());
        foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
        {
            InterfaceImplementation implementation = _metadata.GetInterfaceImplementation(i);
            Entity(recorder, implementation.Interface);
            Attributes(recorder, implementation.GetCustomAttributes());
        }

        foreach (FieldDefinitionHandle f in type.GetFields())
        {
            FieldDefinition field = _metadata.GetFieldDefinition(f);
            field.DecodeSignature(recorder, null);
            Attributes(recorder, field.GetCustomAttributes());
        }

        foreach (MethodDefinitionHandle m in type.GetMethods())
        {
            Method(recorder, _metadata.GetMethodDefinition(m));
        }

        foreach (PropertyDefinitionHandle p in type.GetProperties())
        {
            PropertyDefinition property = _metadata.GetPropertyDefinition(p);
            property.DecodeSignature(recorder, null);
            Attributes(recorder, property.GetCustomAttributes());
        }

        foreach (EventDefinitionHandle e in type.GetEvents())
        {
            EventDefinition @event = _metadata.GetEventDefinition(e);
            Entity(recorder, @event.Type);
            Attributes(recorder, @event.GetCustomAttributes());
        }

        foreach (MethodImplementationHandle mi in type.GetMethodImplementations())
        {
            MethodImplementation implementation = _metadata.GetMethodImplementation(mi);
            Entity(recorder, implementation.MethodBody);
            Entity(recorder, implementation.MethodDeclaration);
        }

        return recorder.Found;
    }

    private void Method(DefinitionRecorder recorder, MethodDefinition method)
    {
        method.DecodeSignature(recorder, null);
        Attributes(recorder, method.GetCustomAttributes());
        GenericParameters(recorder, method.GetGenericParameters());
        foreach (ParameterHandle p in method.GetParameters())
        {
            Attributes(recorder, _metadata.GetParameter(p).GetCustomAttributes());
        }

        if (method.RelativeVirtualAddress == 0)
        {
            return; // abstract, extern or an interface member: no body
        }

        MethodBodyBlock body = _image.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            _metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(recorder, null);
        }

        foreach (ExceptionRegion region in body.ExceptionRegions)
        {
            Entity(recorder, region.CatchType);
        }

        foreach (EntityHandle token in IlTokens.In(body.GetILReader()))
        {
            Entity(recorder, token);
        }
    }

    private void GenericParameters(DefinitionRecorder recorder, GenericParameterHandleCollection parameters)
    {
        foreach (GenericParameterHandle g in parameters)
        {
            GenericParameter parameter = _metadata.GetGenericParameter(g);
            Attributes(recorder, parameter.GetCustomAttributes());
            foreach (GenericParameterConstraintHandle c in parameter.GetConstraints())
            {
                Entity(recorder, _metadata.GetGenericParameterConstraint(c).Type);
            }
        }
    }

    private void Attributes(DefinitionRecorder recorder, CustomAttributeHandleCollection attributes)
    {
        foreach (CustomAttributeHandle a in attributes)
        {
            CustomAttribute attribute = _metadata.GetCustomAttribute(a);
            Entity(recorder, attribute.Constructor);
            foreach (string serializedName in _attributeTypes.TypeArguments(attribute))
            {
                // A generic argument's name holds its arguments' names between brackets, each followed by its
                // assembly: every piece that names one of this assembly's types is a use of it.
                foreach (string piece in serializedName.Split(['[', ']', ','], StringSplitOptions.TrimEntries))
                {
                    if (_definitionsByFullName.TryGetValue(piece.TrimEnd('[', ']', '*', '&'), out TypeDefinitionHandle used))
                    {
                        recorder.Found.Add(used);
                    }
                }
            }
        }
    }

    /// <summary>Records the definitions behind a token: a type, the declaring type of a method or field, and every
    /// type in a member reference's or instantiation's signature.</summary>
    private void Entity(DefinitionRecorder recorder, EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                recorder.Found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                _metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(recorder, null);
                break;
            case HandleKind.MethodDefinition:
                recorder.Found.Add(_metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                recorder.Found.Add(_metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                MemberReference member = _metadata.GetMemberReference((MemberReferenceHandle)handle);
                Entity(recorder, member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(recorder, null);
                }
                else
                {
                    member.DecodeFieldSignature(recorder, null);
                }

                break;
            case HandleKind.MethodSpecification:
                MethodSpecification specification = _metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                Entity(recorder, specification.Method);
                specification.DecodeSignature(recorder, null);
                break;
            case HandleKind.StandaloneSignature:
                StandaloneSignature signature = _metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    signature.DecodeMethodSignature(recorder, null);
                }
                else
                {
                    signature.DecodeLocalSignature(recorder, null);
                }

                break;
            default:
                break; // a type of another assembly, a module reference: no definition of this assembly
        }
    }
}
