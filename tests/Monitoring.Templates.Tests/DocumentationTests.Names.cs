using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;

namespace Monitoring.Templates.Tests;

// The metric names the code registers and the instruments it publishes.
public sealed partial class DocumentationTests
{
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
}
