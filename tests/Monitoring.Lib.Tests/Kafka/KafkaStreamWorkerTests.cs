using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

[Collection(KafkaClusterDefinition.Name)]
public sealed class KafkaStreamWorkerTests(KafkaCluster cluster)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StopAsync_MidStream_RestartWithSameGroupHandlesEveryInputExactlyOnce()
    {
        var (input, output, group) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("g"));
        var values = Enumerable.Range(0, 30).Select(i => "m" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
        await cluster.ProduceAsync(input, values);
        using var metrics = TestMetrics.CreateManager("stream");
        var settings = WorkerSettings(group);

        int firstHandled;
        using (var first = new EchoWorker(settings, metrics, input, output) { PauseAt = 11 })
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await first.Paused.WaitAsync(Wait, TestContext.Current.CancellationToken);
            // Stop while input 11 is in flight: the stop must let it finish, deliver its output and commit it.
            var stopping = first.StopAsync(TestContext.Current.CancellationToken);
            first.Release();
            await stopping;
            firstHandled = first.Handled;
        }
        Assert.Equal(11, firstHandled);
        using (var second = new EchoWorker(settings, metrics, input, output))
        {
            await second.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Task.FromResult(firstHandled + second.Handled >= 30), Wait, "the second worker to handle the rest");
            await second.StopAsync(TestContext.Current.CancellationToken);
            // The stop committed what the first worker handled, so the second one started after it: nothing twice.
            Assert.Equal(30, firstHandled + second.Handled);
        }

        var outputs = cluster.ReadAll(output, 30).Select(m => m.Message.Value).Order().ToArray();
        Assert.Equal(values.Select(v => v.ToUpperInvariant()), outputs);
        var text = metrics.GetText();
        Assert.Contains($"messages_consumed{{app=\"stream\",topic=\"{input}\"}} 30\n", text, StringComparison.Ordinal);
        Assert.Contains($"messages_produced{{app=\"stream\",topic=\"{output}\"}} 30\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Throws_InputGoesToDeadLetterTopicWithReasonAndIsCounted()
    {
        var (input, output, deadLetters) = (cluster.Unique("in"), cluster.Unique("out"), cluster.Unique("dlq"));
        await cluster.ProduceAsync(input, ["ok1", "bad1", "ok2"]);
        using var metrics = TestMetrics.CreateManager("stream", out var meters);
        using var processed = new MetricCollector<double>(meters, "Monitoring.Lib.Kafka", "messaging.process.duration");

        using (var worker = new EchoWorker(WorkerSettings(cluster.Unique("g")), metrics, input, output, deadLetters))
        {
            await worker.StartAsync(TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(() => Task.FromResult(worker.Handled >= 2 && metrics.GetText().Contains("messages_errors{", StringComparison.Ordinal)),
                Wait, "both good inputs handled and the bad one failed");
            await worker.StopAsync(TestContext.Current.CancellationToken);
        }

        // The process duration of each input, the failed one with the exception type as error.type.
        var durations = processed.GetMeasurementSnapshot();
        Assert.Equal(3, durations.Count);
        Assert.All(durations, m => Assert.True(m.ContainsTags(
            new KeyValuePair<string, object?>("messaging.operation.name", "process"), new KeyValuePair<string, object?>("messaging.destination.name", input))));
        Assert.Equal("InvalidOperationException", Assert.Single(durations, m => m.Tags.ContainsKey("error.type")).Tags["error.type"]);
        var dead = Assert.Single(cluster.ReadAll(deadLetters, 1));
        Assert.Equal("bad1", dead.Message.Value);
        Assert.Equal("bad1", dead.Message.Key);
        Assert.True(dead.Message.Headers.TryGetLastBytes(KafkaStreamWorker<string, string>.ErrorHeader, out var reason));
        Assert.Equal("InvalidOperationException: cannot handle bad1", Encoding.UTF8.GetString(reason));
        Assert.Equal(["OK1", "OK2"], cluster.ReadAll(output, 2).Select(m => m.Message.Value).Order());
        var text = metrics.GetText();
        Assert.Contains("messages_errors{app=\"stream\",exception=\"InvalidOperationException\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"messages_produced{{app=\"stream\",topic=\"{deadLetters}\"}} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consume_InputTopicCreatedAfterTheWorkerSubscribed_WorkerKeepsRunningAndHandlesItsMessages()
    {
        var (input, output) = (cluster.Unique("late"), cluster.Unique("out"));
        using var metrics = TestMetrics.CreateManager("stream");
        using var worker = new EchoWorker(WorkerSettings(cluster.Unique("g")), metrics, input, output);
        await worker.StartAsync(TestContext.Current.CancellationToken);
        // librdkafka reports the missing topic as a (non-fatal) consume error; the worker must not die of it.
        await Eventually.TrueAsync(() => Task.FromResult(metrics.GetText().Contains("exception=\"UnknownTopicOrPart\"", StringComparison.Ordinal)),
            Wait, "the missing input topic to be reported");

        await cluster.ProduceAsync(input, ["late1", "late2"]);
        await Eventually.TrueAsync(() => Task.FromResult(worker.Handled >= 2), Wait, "the worker to handle the inputs of the new topic");
        await worker.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["LATE1", "LATE2"], cluster.ReadAll(output, 2).Select(m => m.Message.Value).Order());
        Assert.Null(worker.ExecuteTask?.Exception);
    }

    private KafkaSettings WorkerSettings(string group)
    {
        var settings = cluster.Settings(group);
        settings.PollTimeout = TimeSpan.FromMilliseconds(100);
        return settings;
    }
}
