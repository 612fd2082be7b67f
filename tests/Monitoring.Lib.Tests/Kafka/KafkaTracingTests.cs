using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Metrics;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>One trace from a produce through a stream worker to its output, read back from DevKafka's headers.</summary>
[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaTracingTests(KafkaCluster cluster) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly ActivitySource Caller = new("KafkaTracingTests.Caller");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is KafkaTracing.ActivitySourceName or "KafkaTracingTests.Caller",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task Produce_ThroughStreamWorker_OutputCarriesTheSameTraceAndSpansChain()
    {
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        var (input, output, group) = (cluster.Unique("tr-in"), cluster.Unique("tr-out"), cluster.Unique("tr-g"));
        using var metrics = TestMetrics.CreateManager("tracing");
        ActivityTraceId traceId;
        using (var producer = new MonitoredProducer<string, string>(cluster.Settings().ToProducerConfig(), metrics))
        using (var request = Caller.StartActivity("POST /forms", ActivityKind.Server))
        {
            traceId = request!.TraceId;
            await producer.ProduceAsync(input, new Message<string, string> { Key = "k", Value = "form" }, TestContext.Current.CancellationToken);
        }
        await EchoOneAsync(metrics, input, output, group);

        var inHeader = TraceParent(Assert.Single(cluster.ReadAll(input, 1)));
        var outHeader = TraceParent(Assert.Single(cluster.ReadAll(output, 1)));
        var sendIn = Assert.Single(_stopped, a => a.DisplayName == $"send {input}");
        var process = Assert.Single(_stopped, a => a.DisplayName == $"process {input}");
        var sendOut = Assert.Single(_stopped, a => a.DisplayName == $"send {output}");
        // Every span and both messages' headers are one trace, the caller's.
        Assert.All([sendIn, process, sendOut], span => Assert.Equal(traceId, span.TraceId));
        Assert.Equal($"00-{traceId}-{sendIn.SpanId}-01", inHeader);
        Assert.Equal($"00-{traceId}-{sendOut.SpanId}-01", outHeader);
        // The chain: caller → send input → process input (across the broker) → send output.
        Assert.Equal(sendIn.SpanId, process.ParentSpanId);
        Assert.Equal(process.SpanId, sendOut.ParentSpanId);
        Assert.Equal((ActivityKind.Producer, ActivityKind.Consumer), (sendIn.Kind, process.Kind));
        Assert.Equal(input, process.GetTagItem("messaging.destination.name"));
        Assert.Equal(group, process.GetTagItem("messaging.consumer.group.name"));
    }

    [Fact]
    public async Task Produce_SpansNotKeptBySampler_ContextCarriedWithoutTags()
    {
        // What a ratio sampler does to most traces: spans exist to carry the context on, nothing of them is recorded.
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData;
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        var (input, output, group) = (cluster.Unique("tr-drop-in"), cluster.Unique("tr-drop-out"), cluster.Unique("tr-drop-g"));
        using var metrics = TestMetrics.CreateManager("tracing");
        using (var producer = new MonitoredProducer<string, string>(cluster.Settings().ToProducerConfig(), metrics))
        {
            await producer.ProduceAsync(input, new Message<string, string> { Key = "k", Value = "form" }, TestContext.Current.CancellationToken);
        }
        await EchoOneAsync(metrics, input, output, group);

        var sendIn = Assert.Single(_stopped, a => a.DisplayName == $"send {input}");
        var process = Assert.Single(_stopped, a => a.DisplayName == $"process {input}");
        // The trace still runs through the broker, marked not sampled (flags 00), from the input's send to the output's.
        Assert.Equal($"00-{sendIn.TraceId}-{sendIn.SpanId}-00", TraceParent(Assert.Single(cluster.ReadAll(input, 1))));
        Assert.Equal(sendIn.SpanId, process.ParentSpanId);
        Assert.StartsWith($"00-{sendIn.TraceId}-", TraceParent(Assert.Single(cluster.ReadAll(output, 1))), StringComparison.Ordinal);
        Assert.All(_stopped.Where(a => a.Source.Name == KafkaTracing.ActivitySourceName), span => Assert.Empty(span.TagObjects));
    }

    [Fact]
    public async Task Produce_NoListenerAndNoCurrentSpan_NoTraceHeader()
    {
        var topic = cluster.Unique("tr-none");
        using var metrics = TestMetrics.CreateManager("tracing");
        using (var producer = new MonitoredProducer<string, string>(cluster.Settings().ToProducerConfig(), metrics))
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);
        }

        Assert.False(Assert.Single(cluster.ReadAll(topic, 1)).Message.Headers?.TryGetLastBytes("traceparent", out _) ?? false);
    }

    [Fact]
    public async Task Produce_TracingDisabled_NoSpanAndNoHeaderEvenInsideACallersSpan()
    {
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        var topic = cluster.Unique("tr-off");
        using var metrics = TestMetrics.CreateManager("tracing");
        using (var producer = new MonitoredProducer<string, string>(cluster.Settings().ToProducerConfig(), metrics) { TracingEnabled = false })
        using (Caller.StartActivity("caller"))
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }, TestContext.Current.CancellationToken);
        }

        Assert.False(Assert.Single(cluster.ReadAll(topic, 1)).Message.Headers?.TryGetLastBytes("traceparent", out _) ?? false);
        Assert.DoesNotContain(_stopped, a => a.DisplayName == $"send {topic}");
    }

    public void Dispose() => _listener.Dispose();

    // Runs a stream worker that copies input to output until it has handled the one input there.
    private async Task EchoOneAsync(MetricsManager metrics, string input, string output, string group)
    {
        var settings = cluster.Settings(group);
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        using var worker = new EchoWorker(settings, metrics, input, output);
        await worker.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(worker.Handled == 1), Wait, "the worker to handle the input");
        await worker.StopAsync(TestContext.Current.CancellationToken);
    }

    private static string TraceParent(ConsumeResult<string, string> message) =>
        message.Message.Headers.TryGetLastBytes("traceparent", out var bytes) ? Encoding.ASCII.GetString(bytes) : "(none)";
}
