using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Influx;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Redis;

namespace Monitoring.Templates.Tests;

/// <summary>
/// The reference pages against the code, both ways: every configuration key of docs/configuration.md and every metric,
/// instrument, InfluxDB series, tag, field and Redis error code of docs/metrics.md exists in the code, and every one the
/// code has is listed there. The pages are read by their tables: a row whose first cell is the name. The keys of the
/// code are its settings classes' properties under their sections, read by reflection; Monitoring.Lib's
/// ConfigurationSchema.json is held to the same keys.
/// </summary>
public sealed partial class DocumentationTests
{
    private const string ConfigurationPage = "docs/configuration.md";
    private const string MetricsPage = "docs/metrics.md";

    private static readonly Assembly Library = typeof(MonitoringSections).Assembly;

    // The settings class each section is bound to. A section constant of the library that is missing here counts as a
    // key of its own, which the page then lacks: the test fails until the section is added here and its keys listed.
    private static readonly Dictionary<string, Type> SettingsBySection = new(StringComparer.Ordinal)
    {
        [MonitoringSections.Metrics] = typeof(MetricsOptions),
        [MonitoringSections.Influx] = typeof(InfluxOptions),
        [MonitoringSections.Kafka] = typeof(KafkaSettings),
        [MonitoringSections.Redis] = typeof(RedisSubscriberOptions),
        [MonitoringSections.Requests] = typeof(RequestMonitoringOptions),
        [Constant(typeof(MonitoringSections), "AspireKafkaProducer")] = typeof(KafkaProducerSettings),
        [Constant(typeof(MonitoringSections), "AspireKafkaConsumer")] = typeof(KafkaConsumerSettings),
    };

    // Folders of the repository that hold no code of the template's projects (the tests' own families are not its metrics).
    private static readonly string[] NotProjectCode = ["tests", "bench", "templates", "artifacts", "BenchmarkDotNet.Artifacts", "bin", "obj", ".git"];

    [Fact]
    public void ConfigurationPage_ListsExactlyTheKeysOfTheCode()
    {
        AssertSameNames(ConfigurationPage, "configuration keys", DocumentedKeys().Keys, CodeKeys());
    }

    [Fact]
    public void ConfigurationPage_EveryKey_ShowsItsEnvironmentVariables()
    {
        var rows = DocumentedKeys();
        var problems = rows
            .Where(row => !row.Value.Text.Contains($"`{row.Value.Written.Replace(":", "__", StringComparison.Ordinal)}`", StringComparison.Ordinal))
            .Select(row => $"{row.Value.Written} lacks `{row.Value.Written.Replace(":", "__", StringComparison.Ordinal)}`")
            .Concat(ReferenceDesignVariables()
                .Where(mapped => rows.TryGetValue(mapped.Key, out var row) && !row.Text.Contains($"`{mapped.Value}`", StringComparison.Ordinal))
                .Select(mapped => $"{mapped.Key} lacks the variable `{mapped.Value}` the code maps to it"))
            .ToList();

        Assert.True(problems.Count == 0, $"{ConfigurationPage}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void ConfigurationSchema_DescribesExactlyTheKeysOfTheCode()
    {
        using var schema = JsonDocument.Parse(Read("Monitoring.Lib/ConfigurationSchema.json"));
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        AddSchemaKeys(keys, "", schema.RootElement, schema.RootElement);

        AssertSameNames("Monitoring.Lib/ConfigurationSchema.json", "configuration keys", keys, CodeKeys());
    }

    [Fact]
    public void MetricsPage_PrometheusMetrics_AreTheFamiliesTheCodeRegisters()
    {
        AssertSameNames(MetricsPage, "Prometheus metrics", FirstCells(MetricsPage, "## Prometheus metrics"), RegisteredFamilies());
    }

    [Fact]
    public void MetricsPage_OpenTelemetryInstruments_AreTheLibrarysOwn()
    {
        var published = PublishedInstruments();
        var own = published.Where(i => i.Meter != MetricsManager.MeterName).Select(i => i.Name);

        AssertSameNames(MetricsPage, "OpenTelemetry instruments", FirstCells(MetricsPage, "## OpenTelemetry instruments"), own);
        // The manager mirrors every counter and gauge family on its own Meter under the same name.
        Assert.Subset(RegisteredFamilies().ToHashSet(StringComparer.Ordinal),
            published.Where(i => i.Meter == MetricsManager.MeterName).Select(i => i.Name).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void MetricsPage_InfluxSeriesTagsAndFields_AreTheLibrarysNames()
    {
        var rows = TableRows(Section(Read(MetricsPage), "## InfluxDB series")).ToList();

        AssertSameNames(MetricsPage, "InfluxDB series", rows.SelectMany(row => Ticked(row[0])), LibraryConstants("Monitoring.Lib.Influx.InfluxNames+Series"));
        AssertSameNames(MetricsPage, "InfluxDB tags", rows.SelectMany(row => Ticked(row[1])), LibraryConstants("Monitoring.Lib.Influx.InfluxNames+Tags"));
        AssertSameNames(MetricsPage, "InfluxDB fields", rows.SelectMany(row => Ticked(row[2])), LibraryConstants("Monitoring.Lib.Influx.InfluxNames+Fields"));
    }

    [Fact]
    public void MetricsPage_SubscriptionErrorCodes_AreTheLibrarysCodes()
    {
        AssertSameNames(MetricsPage, "subscription_error codes", FirstCells(MetricsPage, "## Error codes of `subscription_error`"),
            LibraryConstants("Monitoring.Lib.Redis.RedisErrorCodes"));
    }

    /// <summary>Fails naming what the page lists that the code lacks, and what the code has that the page does not list.</summary>
    private static void AssertSameNames(string page, string what, IEnumerable<string> documented, IEnumerable<string> code)
    {
        var listed = documented.ToHashSet(StringComparer.Ordinal);
        var real = code.ToHashSet(StringComparer.Ordinal);
        var unknown = listed.Except(real).Order(StringComparer.Ordinal).ToList();
        var missing = real.Except(listed).Order(StringComparer.Ordinal).ToList();

        Assert.True(real.Count > 0, $"No {what} found in the code: the test no longer reads them.");
        Assert.True(unknown.Count == 0 && missing.Count == 0,
            $"{page}, {what}: listed but not in the code: [{string.Join(", ", unknown)}]; in the code but not listed: [{string.Join(", ", missing)}].");
    }

    // ---- Configuration keys ----

    /// <summary>Every key the library reads: its settings classes' properties under their sections, and the keys it reads by name.</summary>
    private static SortedSet<string> CodeKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (section, settings) in SettingsBySection)
        {
            AddPropertyKeys(keys, section, settings);
        }
        // Read by name, not through a settings class: Monitoring:Enabled, Monitoring:ServiceName; a section prefix such as
        // "Monitoring:Metrics:" is its section.
        foreach (var value in LibraryConstants().Where(v => KeyLike().IsMatch(v)).Select(v => v.TrimEnd(':')))
        {
            if (!SettingsBySection.ContainsKey(value))
            {
                keys.Add(value);
            }
        }
        return keys;
    }

    private static void AddPropertyKeys(ISet<string> keys, string prefix, Type settings)
    {
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal))
            {
                // A computed read-only value (KafkaSettings.EffectivePollTimeout) is no key.
                if (property.SetMethod is { IsPublic: true })
                {
                    keys.Add(key);
                }
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                // A list, a dictionary or Confluent.Kafka's config: one key, its entries below it.
                keys.Add(key);
            }
            else
            {
                // A sub-section: Monitoring:Influx:Retry.
                AddPropertyKeys(keys, key, type);
            }
        }
    }

    /// <summary>
    /// The page's keys: table rows whose first cell is a key in backticks, written in full; a trailing <c>:{…}</c> stands
    /// for the entries of a list or dictionary (<c>Monitoring:Kafka:Properties:{librdkafka property}</c>).
    /// </summary>
    private static Dictionary<string, DocumentedKey> DocumentedKeys()
    {
        var keys = new Dictionary<string, DocumentedKey>(StringComparer.Ordinal);
        foreach (var row in TableRows(Read(ConfigurationPage)))
        {
            if (Ticked(row[0]).FirstOrDefault() is { } written && DocumentedKeyName().IsMatch(written))
            {
                keys.TryAdd(TrailingPlaceholders().Replace(written, ""), new DocumentedKey(written, string.Join("|", row)));
            }
        }
        return keys;
    }

    /// <summary>The reference design's variables as the library maps them (<c>LegacyVariables</c>): key → variable.</summary>
    private static Dictionary<string, string> ReferenceDesignVariables()
    {
        var field = Library.GetType("Monitoring.Lib.Internal.LegacyVariables", throwOnError: true)!
            .GetField("VariableByKey", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("LegacyVariables.VariableByKey is gone: read the mapping from where it went.");
        return ((IReadOnlyDictionary<string, string>)field.GetValue(null)!).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The keys ConfigurationSchema.json describes: every property path down to one without properties of its own.</summary>
    private static void AddSchemaKeys(ISet<string> keys, string prefix, JsonElement node, JsonElement root)
    {
        if (node.TryGetProperty("$ref", out var reference))
        {
            node = reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(root, (element, name) => element.GetProperty(name));
        }
        if (!node.TryGetProperty("properties", out var properties))
        {
            keys.Add(prefix);
            return;
        }
        foreach (var property in properties.EnumerateObject())
        {
            AddSchemaKeys(keys, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", property.Value, root);
        }
    }

    // ---- Metric names ----

    /// <summary>
    /// The names given to the MetricsManager's <c>Counter</c>, <c>Gauge</c>, <c>Histogram</c> and <c>Create…</c> calls in
    /// the code of every project of the template (the library, ServiceDefaults, the samples, …): a string, or a constant of
    /// the same file. A dotted name is a Meter API call (Prometheus names
    /// have no dots; the manager refuses them), read in <see cref="PublishedInstruments"/> instead.
    /// </summary>
    private static SortedSet<string> RegisteredFamilies()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(TemplateWorkspace.RepositoryRoot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(TemplateWorkspace.RepositoryRoot, file).Split(Path.DirectorySeparatorChar).Any(NotProjectCode.Contains));
        foreach (var file in files)
        {
            var code = CommentLine().Replace(File.ReadAllText(file), "");
            foreach (Match call in FamilyRegistration().Matches(code))
            {
                if (call.Groups["literal"].Success)
                {
                    if (!call.Groups["literal"].Value.Contains('.', StringComparison.Ordinal))
                    {
                        names.Add(call.Groups["literal"].Value);
                    }
                    continue;
                }
                var constant = call.Groups["constant"].Value;
                var value = Regex.Match(code, $@"\bconst\s+string\s+{constant}\s*=\s*""(?<value>[^""]+)""\s*;");
                Assert.True(value.Success, $"{file}: the metric name {constant} is not a string constant of that file; read it where it is.");
                names.Add(value.Groups["value"].Value);
            }
        }
        return names;
    }

    /// <summary>The instruments the library publishes when a MetricsManager is made, by Meter: what OpenTelemetry can export.</summary>
    private static List<(string Meter, string Name)> PublishedInstruments()
    {
        var instruments = new List<(string Meter, string Name)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith("Monitoring.Lib", StringComparison.Ordinal))
                {
                    lock (instruments)
                    {
                        instruments.Add((instrument.Meter.Name, instrument.Name));
                    }
                }
            },
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new MetricsManager(services.GetRequiredService<IMeterFactory>(), "documentation");
        lock (instruments)
        {
            return [.. instruments];
        }
    }

    // ---- Reading the code and the pages ----

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
