using System.Diagnostics.Metrics;
using Monitoring.Lib.Metrics;

namespace Monitoring.Lib.Tests.Metrics;

public sealed class MeterIntegrationTests
{
    [Fact]
    public void Observe_OtherMeterListener_SeesRegistryMetricsWithTheirTags()
    {
        using var manager = TestMetrics.CreateManager();
        manager.CountConsumed("forms", 5);
        manager.CreateGauge("queue_depth", "Depth.", "queue").WithLabels("q1").Set(2.5);
        var seen = new List<(string Name, double Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == manager.Meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            seen.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Contains(("messages_consumed", 5.0, "topic=forms"), seen);
        Assert.Contains(("queue_depth", 2.5, "queue=q1"), seen);
        Assert.Equal(MetricsManager.MeterName, manager.Meter.Name);
    }

    [Fact]
    public void Increment_ManyThreadsOnBothPaths_CountsEveryIncrementExactly()
    {
        using var manager = TestMetrics.CreateManager();
        var meterCounter = manager.CreateMeterCounter<long>("events", "Events.", "topic");
        var bound = manager.Consumed.WithLabels("forms");
        string[] topics = ["a", "b", "c"];

        Parallel.For(0, 4, worker =>
        {
            for (var i = 0; i < 30_000; i++)
            {
                bound.Increment();
                meterCounter.Add(1, new KeyValuePair<string, object?>("topic", topics[(i + worker) % 3]));
            }
        });

        Assert.Equal(120_000, bound.Value);
        var text = manager.GetText();
        Assert.Contains("events{app=\"shop\",topic=\"a\"} 40000\nevents{app=\"shop\",topic=\"b\"} 40000\nevents{app=\"shop\",topic=\"c\"} 40000\n", text, StringComparison.Ordinal);
    }
}
