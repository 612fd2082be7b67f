using System.Globalization;
using System.Text;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>
/// Escaping of the Prometheus text format 0.0.4. Runs at registration or on a series' first use, so each
/// series keeps its label block as ready UTF-8 bytes and the writer only copies them.
/// </summary>
internal static class TextEncoding
{
    /// <summary>HELP text escapes only backslash and newline.</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Label values escape backslash, double quote and newline.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>The inside of a label block, <c>a="x",b="y"</c>, as UTF-8.</summary>
    public static byte[] LabelBlock(IReadOnlyList<KeyValuePair<string, string>> constantLabels, string[] names, string[] values)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in constantLabels)
        {
            Append(text, name, value);
        }
        for (var i = 0; i < names.Length; i++)
        {
            Append(text, names[i], values[i]);
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A bucket bound as Prometheus spells it in <c>le</c>.</summary>
    public static string FormatBound(double bound) => FormatDouble(bound);

    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void Append(StringBuilder text, string name, string value)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }
        text.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
    }
}
