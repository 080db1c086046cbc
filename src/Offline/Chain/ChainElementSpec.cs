namespace RtDenoise.Offline.Chain;

/// <summary>
/// One parsed element of a chain spec. <see cref="Token"/> is the text it came from (for error messages);
/// <see cref="Value"/> is the numeric argument (<c>highpass:80</c>); the LADSPA fields are set for <c>ladspa</c>.
/// </summary>
public sealed record ChainElementSpec(string Kind, float? Value, string Token)
{
    public string? Library { get; init; }

    public string? Label { get; init; }

    public IReadOnlyList<KeyValuePair<string, float>> Controls { get; init; } = [];
}
