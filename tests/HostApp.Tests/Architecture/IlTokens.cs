using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// The metadata tokens a method body's instructions name: the types, methods, fields and signatures behind
/// <c>call</c>, <c>newobj</c>, <c>ldfld</c>, <c>box</c>, <c>castclass</c>, <c>ldtoken</c>, <c>initobj</c>, <c>calli</c> and
/// every other token-operand instruction. A namespace used only inside a method body (a local, a static call) is a
/// dependency the signatures alone do not show.
/// </summary>
internal static class IlTokens
{
    // Operand kinds come from the runtime's own opcode table, so no instruction is mis-sized by a hand-written list
    // (a wrong size would desynchronise the walk and read garbage as tokens).
    private static readonly Dictionary<ushort, OperandType> OperandOf = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => unchecked((ushort)op.Value), op => op.OperandType);

    private const byte TwoByteOpcodePrefix = 0xFE;

    /// <summary>Every token operand in <paramref name="il"/>, in instruction order.</summary>
    public static IReadOnlyList<EntityHandle> In(BlobReader il)
    {
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            int start = il.Offset;
            ushort code = il.ReadByte();
            if (code == TwoByteOpcodePrefix)
            {
                code = (ushort)((TwoByteOpcodePrefix << 8) | il.ReadByte());
            }

            if (!OperandOf.TryGetValue(code, out OperandType operand))
            {
                throw new BadImageFormatException($"unknown IL opcode 0x{code:X} at offset {start}");
            }

            switch (operand)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineSig:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();
                    il.Offset += targets * sizeof(int);
                    break;
                default:
                    il.Offset += PlainOperandSize(operand);
                    break;
            }
        }

        return tokens;
    }

    /// <summary>The byte size of an operand that names no metadata (an immediate, a branch offset, a slot index).</summary>
    private static int PlainOperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString => 4,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => throw new BadImageFormatException($"IL operand kind {operand} has no fixed size"),
    };
}
