using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Metrics;

public sealed class MetricNamesTests
{
    [Theory]
    [InlineData("1abc")]
    [InlineData("with space")]
    [InlineData("dash-ed")]
    [InlineData("")]
    [InlineData("é")]
    public void CreateCounter_InvalidMetricName_ThrowsNamingTheRule(string name)
    {
        using var manager = TestMetrics.CreateManager();

        var error = Assert.Throws<ArgumentException>(() => manager.CreateCounter(name, "Help."));

        Assert.Contains($"'{name}' is not a valid Prometheus metric name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ns:sub_total")]
    [InlineData("_private")]
    [InlineData("A9")]
    public void CreateCounter_ValidMetricName_Registers(string name)
    {
        using var manager = TestMetrics.CreateManager();

        Assert.Equal(name, manager.CreateCounter(name, "Help.").Name);
    }

    [Theory]
    [InlineData("__reserved", "starts with '__'")]
    [InlineData("has:colon", "not a valid Prometheus label name")]
    [InlineData("9lives", "not a valid Prometheus label name")]
    [InlineData("app", "reserved")]
    [InlineData("job", "reserved")]
    public void CreateGauge_InvalidLabelName_ThrowsAtRegistration(string label, string expected)
    {
        using var manager = TestMetrics.CreateManager();

        var error = Assert.Throws<ArgumentException>(() => manager.CreateGauge("g", "Help.", label));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateHistogram_LeLabelOrUnsortedBuckets_Throws()
    {
        using var manager = TestMetrics.CreateManager();

        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => manager.CreateHistogram("h", "Help.", null, "le")).Message, StringComparison.Ordinal);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => manager.CreateHistogram("h2", "Help.", [1, 1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateCounter_SameNameTwice_ReturnsSameFamilyOrThrowsWhenDifferent()
    {
        using var manager = TestMetrics.CreateManager();
        var first = manager.CreateCounter("c", "Help.", "a");

        Assert.Equal(("c", "Help."), (first.Name, first.Help));
        Assert.Equal(["a"], first.LabelNames);
        Assert.Same(first, manager.CreateCounter("c", "Help.", "a"));
        Assert.Throws<ArgumentException>(() => manager.CreateGauge("c", "Help.", "a"));
        Assert.Throws<ArgumentException>(() => manager.CreateCounter("c", "Help.", "b"));
    }

    [Fact]
    public void WithLabels_WrongNumberOfValues_ThrowsNamingTheLabels()
    {
        using var manager = TestMetrics.CreateManager();
        var counter = manager.CreateCounter("c", "Help.", "a", "b");

        var error = Assert.Throws<ArgumentException>(() => counter.WithLabels("x"));

        Assert.Contains("has 2 label(s) (a, b); got 1 value(s)", error.Message, StringComparison.Ordinal);
    }
}
