using System.Reflection;
using System.Text.Json;
using Aspire.Confluent.Kafka;
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
}
