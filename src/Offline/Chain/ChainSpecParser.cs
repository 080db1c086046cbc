using System.Globalization;
using System.Text;
using System.Text.Json;
using RtDenoise.Engine.Chain;
using RtDenoise.Engine.IO;

namespace RtDenoise.Offline.Chain;

/// <summary>
/// Parses a processor chain, given either as text or as a JSON file.
/// </summary>
/// <remarks>
/// Text grammar (whitespace around elements is ignored; numbers use '.' as decimal separator):
/// <code>
///   chain    = element *( "," element )
///   element  = "dnn" [ ":" DB ] | "classic" | "bypass"  the denoisers (dnn takes its model from --model; DB is its
///                                                    attenuation limit, 0..100, default the model's own)
///            | "speex" [ ":" DB ]                    Speex suppressor, max attenuation DB (default -15), -100..0
///            | "highpass" ":" HZ                     2nd-order Butterworth high-pass at HZ
///            | "gain" ":" DB                         constant gain, -120..60 dB
///            | "limiter" [ ":" DB ]                  peak limiter, ceiling DB dBFS (default -1), -60..0
///            | "ladspa" ":" LIB ":" LABEL [ "?" control *( "&amp;" control ) ]
///   control  = PORT "=" NUMBER                       PORT: control-input index, name, or name without "(unit)"
///   LIB      = a file name searched in LADSPA_PATH, or a path containing '/'
/// </code>
/// Example: <c>highpass:80,dnn,limiter:-1</c> or <c>ladspa:lowpass_iir_1891.so:lowpass_iir?Cutoff Frequency=3000</c>.
/// <para>JSON (a file path; used when the argument names an existing file or ends in <c>.json</c>): an array, or an
/// object with a <c>"chain"</c> array, whose items are element strings as above or objects
/// <c>{"processor": KIND, "value": NUMBER}</c> / <c>{"processor": "ladspa", "library": LIB, "label": LABEL,
/// "controls": {PORT: NUMBER, …}}</c> — the object form allows port names containing ',', '&amp;' or '='.</para>
/// </remarks>
public static class ChainSpecParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly IReadOnlyList<string> Kinds = ["dnn", "classic", "bypass", "speex", "highpass", "gain", "limiter", "ladspa"];

    /// <summary>A JSON file when <paramref name="argument"/> is an existing file or ends in .json, else chain text.</summary>
    public static IReadOnlyList<ChainElementSpec> ParseArgument(string argument)
    {
        string trimmed = argument.Trim();
        if (File.Exists(trimmed) || trimmed.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(trimmed))
            {
                throw new InvalidChainSpecException($"chain file '{trimmed}' does not exist.");
            }

            return ParseJson(ReadJsonFile(trimmed), trimmed);
        }

        return Parse(trimmed);
    }

    /// <summary>The file's text: a regular file (a device or FIFO is refused before it is opened) of at most
    /// <see cref="ChainLimits.MaxJsonFileBytes"/>, strictly UTF-8.</summary>
    private static string ReadJsonFile(string path)
    {
        byte[] bytes = BoundedFile.ReadAll(path, "chain file", ChainLimits.MaxJsonFileBytes, why => new InvalidChainSpecException(why));
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidChainSpecException($"chain file '{path}' is not valid UTF-8 (at byte {ex.Index}).", ex);
        }
    }

    public static IReadOnlyList<ChainElementSpec> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidChainSpecException("the chain is empty; expected e.g. \"highpass:80,dnn,limiter:-1\".");
        }

        var elements = new List<ChainElementSpec>();
        string[] tokens = text.Split(',');
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i].Trim();
            if (token.Length == 0)
            {
                throw new InvalidChainSpecException($"element {i + 1} of \"{text}\" is empty (two commas in a row, or a trailing comma).");
            }

            elements.Add(ParseElement(token));
        }

        ChainLimits.Check(elements, null);
        return elements;
    }

    public static ChainElementSpec ParseElement(string token)
    {
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        string kind = (colon < 0 ? token : token[..colon]).Trim().ToLowerInvariant();
        string? arg = colon < 0 ? null : token[(colon + 1)..].Trim();
        switch (kind)
        {
            case "dnn":
                return new ChainElementSpec(kind, arg is null ? null : Number(token, arg, "attenuation limit in dB"), token);
            case "classic" or "bypass":
                return arg is null ? new ChainElementSpec(kind, null, token) : throw Bad(token, $"'{kind}' takes no argument");
            case "speex":
                return new ChainElementSpec(kind, arg is null ? null : Number(token, arg, "suppression in dB"), token);
            case "limiter":
                return new ChainElementSpec(kind, arg is null ? null : Number(token, arg, "ceiling in dBFS"), token);
            case "highpass":
                return new ChainElementSpec(kind, Number(token, arg ?? throw Bad(token, "expected highpass:HZ"), "cut-off in Hz"), token);
            case "gain":
                return new ChainElementSpec(kind, Number(token, arg ?? throw Bad(token, "expected gain:DB"), "gain in dB"), token);
            case "ladspa":
                return ParseLadspa(token, arg ?? throw Bad(token, "expected ladspa:LIB.so:LABEL[?port=value&...]"));
            default:
                throw Bad(token, $"unknown processor '{kind}'; expected one of: {string.Join(", ", Kinds)}");
        }
    }

    public static IReadOnlyList<ChainElementSpec> ParseJson(string json, string source)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            JsonElement root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("chain", out JsonElement chain))
            {
                root = chain;
            }

            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            {
                throw new InvalidChainSpecException($"{source}: expected a non-empty array of processors (or {{\"chain\": [...]}}).");
            }

            if (root.GetArrayLength() > ChainLimits.MaxElements)
            {
                throw new InvalidChainSpecException($"{source}: {root.GetArrayLength()} elements, more than the {ChainLimits.MaxElements} a chain may have.");
            }

            var list = new List<ChainElementSpec>();
            int i = 0;
            foreach (JsonElement item in root.EnumerateArray())
            {
                list.Add(item.ValueKind switch
                {
                    JsonValueKind.String => ParseElement(item.GetString()!),
                    JsonValueKind.Object => ParseJsonObject(item, $"{source}[{i}]"),
                    _ => throw new InvalidChainSpecException($"{source}[{i}]: expected a string or an object, got {item.ValueKind}."),
                });
                i++;
            }

            ChainLimits.Check(list, source);
            return list;
        }
        catch (JsonException ex)
        {
            throw new InvalidChainSpecException($"{source}: not valid JSON ({ex.Message}).", ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string holding a lone surrogate ("\ud800") is valid JSON syntax but not text: GetString refuses it.
            throw new InvalidChainSpecException($"{source}: a string is not valid text ({ex.Message}).", ex);
        }
    }

    private static ChainElementSpec ParseJsonObject(JsonElement item, string where)
    {
        string kind = item.TryGetProperty("processor", out JsonElement k) && k.ValueKind == JsonValueKind.String
            ? k.GetString()!.Trim().ToLowerInvariant()
            : throw new InvalidChainSpecException($"{where}: missing \"processor\" (one of {string.Join(", ", Kinds)}).");
        if (kind != "ladspa")
        {
            string token = item.TryGetProperty("value", out JsonElement v)
                ? $"{kind}:{(v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString(CultureInfo.InvariantCulture) : v.ToString())}"
                : kind;
            try
            {
                return ParseElement(token);
            }
            catch (InvalidChainSpecException ex)
            {
                throw new InvalidChainSpecException($"{where}: {ex.Message}", ex);
            }
        }

        string library = Str(item, "library", where);
        string label = Str(item, "label", where);
        var controls = new List<KeyValuePair<string, float>>();
        if (item.TryGetProperty("controls", out JsonElement c))
        {
            if (c.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidChainSpecException($"{where}: \"controls\" must be an object {{\"port\": number}}.");
            }

            foreach (JsonProperty p in c.EnumerateObject())
            {
                controls.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.Number
                    ? Finite((float)p.Value.GetDouble(), p.Value.GetRawText(), $"{where}: control \"{p.Name}\"")
                    : throw new InvalidChainSpecException($"{where}: control \"{p.Name}\" must be a number.")));
            }
        }

        return new ChainElementSpec("ladspa", null, $"ladspa:{library}:{label}") { Library = library, Label = label, Controls = controls };
    }

    private static string Str(JsonElement item, string name, string where) =>
        item.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0
            ? v.GetString()!
            : throw new InvalidChainSpecException($"{where}: ladspa needs a \"{name}\" string.");

    private static ChainElementSpec ParseLadspa(string token, string arg)
    {
        int q = arg.IndexOf('?', StringComparison.Ordinal);
        string target = q < 0 ? arg : arg[..q];
        int colon = target.LastIndexOf(':');
        if (colon <= 0 || colon == target.Length - 1)
        {
            throw Bad(token, "expected ladspa:LIB.so:LABEL");
        }

        var controls = new List<KeyValuePair<string, float>>();
        if (q >= 0)
        {
            foreach (string pair in arg[(q + 1)..].Split('&'))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw Bad(token, $"control '{pair}' must be PORT=VALUE");
                }

                controls.Add(new(pair[..eq].Trim(), Number(token, pair[(eq + 1)..], $"value of '{pair[..eq].Trim()}'")));
            }
        }

        return new ChainElementSpec("ladspa", null, token) { Library = target[..colon].Trim(), Label = target[(colon + 1)..].Trim(), Controls = controls };
    }

    private static float Number(string token, string text, string what)
    {
        return float.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out float v)
            ? Finite(v, text.Trim(), $"chain element \"{token}\": {what}")
            : throw Bad(token, $"'{text.Trim()}' is not a number ({what})");
    }

    /// <summary>The one rule for every number in a chain, text or JSON: after conversion to float it must be finite
    /// (1e39 overflows float to +∞, as 1e308 does).</summary>
    private static float Finite(float v, string text, string where) => float.IsFinite(v)
        ? v
        : throw new InvalidChainSpecException($"{where}: {text} is not a finite number (beyond ±{float.MaxValue.ToString(CultureInfo.InvariantCulture)} as a float).");

    private static InvalidChainSpecException Bad(string token, string why) => new($"chain element \"{token}\": {why}.");
}
