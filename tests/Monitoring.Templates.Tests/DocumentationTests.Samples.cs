using System.Text.RegularExpressions;

namespace Monitoring.Templates.Tests;

// The samples' Forms keys: read from their options classes' source, since this project references no sample.
public sealed partial class DocumentationTests
{
    private static readonly string[] SampleOptionsFiles = ["SampleWebProducer/FormsProducerOptions.cs", "SampleConsumer/FormsConsumerOptions.cs"];

    [Fact]
    public void ConfigurationPage_EveryFormsKeyOfTheSamples_HasARow()
    {
        var documented = TableRows(Read(ConfigurationPage)).SelectMany(row => Ticked(row[0])).ToHashSet(StringComparer.Ordinal);
        var keys = SampleOptionsFiles
            .SelectMany(file => SettableProperty().Matches(Read(file)).Select(m => $"Forms:{m.Groups["name"].Value}"))
            .ToList();

        Assert.True(keys.Count > 0, "No Forms keys found in the samples' options classes: the test no longer reads them.");
        var missing = keys.Where(key => !documented.Contains(key)).ToList();
        Assert.True(missing.Count == 0, $"{ConfigurationPage} has no row for: {string.Join(", ", missing)}.");
    }

    [GeneratedRegex(@"public\s+[\w<>?.]+\s+(?<name>[A-Z]\w*)\s*\{\s*get;\s*set;\s*\}")]
    private static partial Regex SettableProperty();
}
