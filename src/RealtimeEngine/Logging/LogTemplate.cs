using System.Globalization;
using System.Text;

namespace RtDenoise.Engine.Logging;

/// <summary>
/// Renders a message template: each <c>{Name}</c> or <c>{Name:format}</c> hole takes the next argument, formatted
/// with the invariant culture (<c>{{</c> and <c>}}</c> are literal braces). Strings are inserted as they are.
/// </summary>
public static class LogTemplate
{
    public static string Render(string template, ReadOnlySpan<object?> args)
    {
        var sb = new StringBuilder(template.Length + (16 * args.Length));
        int next = 0;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                sb.Append(c);
                i++;
                continue;
            }

            int close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                sb.Append(c);
                continue;
            }

            string hole = template[(i + 1)..close];
            int colon = hole.IndexOf(':', StringComparison.Ordinal);
            string? format = colon >= 0 ? hole[(colon + 1)..] : null;
            sb.Append(next < args.Length ? Format(args[next], format) : "{" + hole + "}");
            next++;
            i = close;
        }

        return sb.ToString();
    }

    private static string Format(object? value, string? format) => value switch
    {
        null => "null",
        string s => s,
        IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
