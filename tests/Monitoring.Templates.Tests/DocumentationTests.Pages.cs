using System.Reflection;
using System.Text.RegularExpressions;

namespace Monitoring.Templates.Tests;

// Reading the code's constants and the pages' tables.
public sealed partial class DocumentationTests
{
    private static string Constant(Type type, string name) =>
        (string)(type.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue()
            ?? throw new InvalidOperationException($"{type.Name}.{name} is gone."));

    /// <summary>The string constants of one type of the library (nested types as <c>Outer+Inner</c>), or of all of them.</summary>
    private static IEnumerable<string> LibraryConstants(string? typeName = null)
    {
        Type[] types = typeName is null ? Library.GetTypes() : [Library.GetType(typeName, throwOnError: true)!];
        return types
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
    }

    private static string Read(string file) => File.ReadAllText(Path.Combine(TemplateWorkspace.RepositoryRoot, file));

    /// <summary>The lines under <paramref name="heading"/> (the whole line, as written) up to the next heading of any level.</summary>
    private static string Section(string page, string heading)
    {
        var lines = page.Split('\n');
        var start = Array.FindIndex(lines, line => line.TrimEnd() == heading);
        Assert.True(start >= 0, $"No heading '{heading}': the test reads the table under it.");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(line => !line.StartsWith('#')));
    }

    private static IEnumerable<string> FirstCells(string page, string heading) =>
        TableRows(Section(Read(page), heading)).SelectMany(row => Ticked(row[0]).Take(1));

    /// <summary>The cells of every table row but header and separator rows.</summary>
    private static IEnumerable<string[]> TableRows(string text)
    {
        var lines = text.Split('\n').Select(line => line.Trim()).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var isHeader = i + 1 < lines.Length && SeparatorRow().IsMatch(lines[i + 1]);
            if (lines[i].StartsWith('|') && !isHeader && !SeparatorRow().IsMatch(lines[i]))
            {
                yield return lines[i].Trim('|').Split('|');
            }
        }
    }

    private static IEnumerable<string> Ticked(string cell) => TickedName().Matches(cell).Select(m => m.Groups[1].Value);

    private sealed record DocumentedKey(string Written, string Text);

    [GeneratedRegex(@"^(Monitoring|Aspire:Confluent:Kafka)(:[A-Za-z]+)+:?$")]
    private static partial Regex KeyLike();

    [GeneratedRegex(@"^(Monitoring|Aspire:Confluent:Kafka)(:(\{[^}]*\}|[^:\s{}]+))+$")]
    private static partial Regex DocumentedKeyName();

    [GeneratedRegex(@"(:\{[^}]*\})+$")]
    private static partial Regex TrailingPlaceholders();

    [GeneratedRegex(@"(?<![\w])(?:Counter|Gauge|Histogram|CreateCounter|CreateGauge|CreateHistogram)\(\s*(?:""(?<literal>[^""\\]*)""|(?<constant>[A-Z][A-Za-z0-9_]*))\s*,")]
    private static partial Regex FamilyRegistration();

    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^\|\s*:?-{3,}")]
    private static partial Regex SeparatorRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex TickedName();
}
