using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>OpenTelemetry's messaging instruments and spans, recorded by the clients Aspire's API registers, read back.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaMessagingTelemetryTests(KafkaCluster cluster)
{
    private const string Meter = "Monitoring.Lib.Kafka";

    [Fact]
    public async Task ProduceAndConsume_RecordTheMessagingInstruments_AndEachPollSpanIsAChildOfItsSendSpan()
    {
        var (topic, group) = (cluster.Unique("otel"), cluster.Unique("g"));
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Meter,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("messaging.destination.name"), topic))
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var host = AspireDocumentedUsage.Build(cluster.Bootstrap, group);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        using var sent = new MetricCollector<long>(meters, Meter, "messaging.client.sent.messages");
        using var consumed = new MetricCollector<long>(meters, Meter, "messaging.client.consumed.messages");
        using var durations = new MetricCollector<double>(meters, Meter, "messaging.client.operation.duration");

        await host.Services.GetRequiredService<AspireDocumentedUsage.Relay>()
            .SendAndReadBackAsync(topic, ["a", "b"], TestContext.Current.CancellationToken);

        var sends = sent.GetMeasurementSnapshot().Where(m => m.ContainsTags(Tag("messaging.destination.name", topic))).ToList();
        Assert.Equal(2, sends.Sum(m => m.Value));
        Assert.All(sends, m => Assert.True(m.ContainsTags(Tag("messaging.system", "kafka"), Tag("messaging.operation.name", "send"))));
        Assert.All(sends, m => Assert.False(m.Tags.ContainsKey("error.type")));
        var polls = consumed.GetMeasurementSnapshot().Where(m => m.ContainsTags(Tag("messaging.destination.name", topic))).ToList();
        Assert.Equal(2, polls.Sum(m => m.Value));
        Assert.All(polls, m => Assert.True(m.ContainsTags(Tag("messaging.operation.name", "poll"), Tag("messaging.consumer.group.name", group))));
        var timed = durations.GetMeasurementSnapshot().Where(m => m.ContainsTags(Tag("messaging.destination.name", topic))).ToList();
        Assert.Equal(2, timed.Count(m => m.ContainsTags(Tag("messaging.operation.name", "send"))));
        Assert.Equal(2, timed.Count(m => m.ContainsTags(Tag("messaging.operation.name", "poll"))));
        Assert.All(timed, m => Assert.InRange(m.Value, 0, 30));

        var sendSpans = spans.Where(s => s.OperationName == $"send {topic}").ToList();
        var pollSpans = spans.Where(s => s.OperationName == $"poll {topic}").ToList();
        Assert.Equal(2, sendSpans.Count);
        Assert.Equal(2, pollSpans.Count);
        Assert.All(pollSpans, poll =>
        {
            Assert.Equal(ActivityKind.Client, poll.Kind);
            Assert.Contains(sendSpans, send => send.TraceId == poll.TraceId && send.SpanId == poll.ParentSpanId);
        });
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
