using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Metrics;

public sealed class ExpositionTests
{
    [Fact]
    public void GetText_StandardMetrics_WritesFamiliesByNameAndSeriesByLabelValue()
    {
        using var manager = TestMetrics.CreateManager();
        manager.CountConsumed("forms", 5);
        manager.CountConsumed("audit");
        manager.CountProduced("outgoing", 3);
        manager.CountError(new TimeoutException());
        manager.CountError("InvalidOperationException");

        Assert.Equal(
            "# HELP messages_consumed Messages consumed, by topic.\n# TYPE messages_consumed counter\n" +
            "messages_consumed{app=\"shop\",topic=\"audit\"} 1\n" +
            "messages_consumed{app=\"shop\",topic=\"forms\"} 5\n" +
            "# HELP messages_errors Errors while handling messages, by exception type name.\n# TYPE messages_errors counter\n" +
            "messages_errors{app=\"shop\",exception=\"InvalidOperationException\"} 1\n" +
            "messages_errors{app=\"shop\",exception=\"TimeoutException\"} 1\n" +
            "# HELP messages_produced Messages produced, by topic.\n# TYPE messages_produced counter\n" +
            "messages_produced{app=\"shop\",topic=\"outgoing\"} 3\n",
            manager.GetText());
    }

    [Fact]
    public void GetText_TrickyLabelValuesAndHelp_EscapesExactlyAsPrometheus()
    {
        using var manager = TestMetrics.CreateManager("a \"quoted\" app");
        var counter = manager.CreateCounter("orders_total", "Orders \\ placed\nper \"kind\"", "kind");
        counter.WithLabels("a b,c=d \"q\" \\ back\nline ü€").Add(2);

        Assert.Equal(
            TestMetrics.StandardHeaders +
            "# HELP orders_total Orders \\\\ placed\\nper \"kind\"\n# TYPE orders_total counter\n" +
            "orders_total{app=\"a \\\"quoted\\\" app\",kind=\"a b,c=d \\\"q\\\" \\\\ back\\nline ü€\"} 2\n",
            manager.GetText());
    }

    [Fact]
    public void GetText_GaugeSpecialValues_SpellsThemAsPrometheus()
    {
        using var manager = TestMetrics.CreateManager();
        var gauge = manager.CreateGauge("temperature", "Temperature.", "case");
        gauge.WithLabels("a").Set(double.PositiveInfinity);
        gauge.WithLabels("b").Set(double.NegativeInfinity);
        gauge.WithLabels("c").Set(double.NaN);
        gauge.WithLabels("d").Set(-1.5);
        gauge.WithLabels("e").Set(1e-7);
        gauge.WithLabels("f").Set(12345678.25);

        Assert.Equal(
            TestMetrics.StandardHeaders +
            "# HELP temperature Temperature.\n# TYPE temperature gauge\n" +
            "temperature{app=\"shop\",case=\"a\"} +Inf\n" +
            "temperature{app=\"shop\",case=\"b\"} -Inf\n" +
            "temperature{app=\"shop\",case=\"c\"} NaN\n" +
            "temperature{app=\"shop\",case=\"d\"} -1.5\n" +
            "temperature{app=\"shop\",case=\"e\"} 1E-07\n" +
            "temperature{app=\"shop\",case=\"f\"} 12345678.25\n",
            manager.GetText());
    }

    [Fact]
    public void GetText_Histogram_WritesCumulativeBucketsSumAndCount()
    {
        using var manager = TestMetrics.CreateManager();
        var histogram = manager.CreateHistogram("latency_seconds", "Latency.", [0.1, 1], "route");
        var series = histogram.WithLabels("/a");
        series.Observe(0.25);
        series.Observe(0.5);
        series.Observe(4);
        series.Observe(0.1);

        Assert.Equal(
            "# HELP latency_seconds Latency.\n# TYPE latency_seconds histogram\n" +
            "latency_seconds_bucket{app=\"shop\",route=\"/a\",le=\"0.1\"} 1\n" +
            "latency_seconds_bucket{app=\"shop\",route=\"/a\",le=\"1\"} 3\n" +
            "latency_seconds_bucket{app=\"shop\",route=\"/a\",le=\"+Inf\"} 4\n" +
            "latency_seconds_sum{app=\"shop\",route=\"/a\"} 4.85\n" +
            "latency_seconds_count{app=\"shop\",route=\"/a\"} 4\n" +
            TestMetrics.StandardHeaders,
            manager.GetText());
    }

    [Fact]
    public void CreateHistogram_NoBuckets_UsesPrometheusDefaults()
    {
        using var manager = TestMetrics.CreateManager();
        manager.CreateHistogram("work_seconds", "Work.", null);

        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], MetricsManager.DefaultBuckets);
        Assert.Contains("work_seconds_bucket{app=\"shop\",le=\"0.005\"} 0\n", manager.GetText(), StringComparison.Ordinal);
    }

    [Fact]
    public void MeterCounter_AddWithTag_IsCapturedIntoTheSeriesOfThatTag()
    {
        using var manager = TestMetrics.CreateManager();
        var counter = manager.CreateMeterCounter<long>("jobs_done", "Jobs done.", "topic");

        counter.Add(2, new KeyValuePair<string, object?>("topic", "forms"));
        counter.Add(1, new KeyValuePair<string, object?>("topic", "forms"));
        counter.Add(4, new KeyValuePair<string, object?>("other", "x"));
        counter.Add(-1, new KeyValuePair<string, object?>("topic", "forms"));

        var text = manager.GetText();
        Assert.Contains("jobs_done{app=\"shop\",topic=\"\"} 4\njobs_done{app=\"shop\",topic=\"forms\"} 3\n", text, StringComparison.Ordinal);
        Assert.Equal(1, manager.InvalidMeasurements);
    }

    [Fact]
    public void MeterHistogram_Record_IsCapturedWithBuckets()
    {
        using var manager = TestMetrics.CreateManager();
        var histogram = manager.CreateMeterHistogram<double>("wait_seconds", "Wait.", [1], "queue");

        histogram.Record(0.5, new KeyValuePair<string, object?>("queue", "q1"));
        histogram.Record(2, new KeyValuePair<string, object?>("queue", "q1"));

        Assert.Contains(
            "wait_seconds_bucket{app=\"shop\",queue=\"q1\",le=\"1\"} 1\nwait_seconds_bucket{app=\"shop\",queue=\"q1\",le=\"+Inf\"} 2\n" +
            "wait_seconds_sum{app=\"shop\",queue=\"q1\"} 2.5\nwait_seconds_count{app=\"shop\",queue=\"q1\"} 2\n",
            manager.GetText(), StringComparison.Ordinal);
    }

    [Fact]
    public void CounterSeries_NegativeOrNaN_IsDroppedAndCountedNotThrown()
    {
        using var manager = TestMetrics.CreateManager();
        var series = manager.Consumed.WithLabels("forms");

        series.Add(-3);
        series.Add(double.NaN);
        series.Add(0.5);

        Assert.Equal(0.5, series.Value);
        Assert.Equal(2, manager.InvalidMeasurements);
        Assert.Contains("messages_consumed{app=\"shop\",topic=\"forms\"} 0.5\n", manager.GetText(), StringComparison.Ordinal);
    }
}
