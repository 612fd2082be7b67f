using System.Net;
using Confluent.Kafka;
using Monitoring.Lib.Kafka;
using Monitoring.Lib.Tests.Metrics;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// Faults under load with ProcessingGuarantee.ExactlyOnce, each on its own DevKafka: every accepted input reaches the
/// output once for a <c>read_committed</c> reader (0 lost, 0 duplicates), and the worker stays up.
/// </summary>
public sealed class KafkaStreamWorkerExactlyOnceFaultTests
{
    private const int Inputs = 300;

    [Fact]
    public async Task ExecuteAsync_EachBrokerDownInTurn_NoInputLostOrDuplicated()
    {
        // Each broker leads partitions of both topics and coordinates something (the group, the transactional id):
        // with each one away in turn, transactions wait on deliveries, offsets and commits, and go on after it.
        var outcome = await RunWithFaultAsync(async server =>
        {
            for (var broker = 1; broker <= 3; broker++)
            {
                await SetBrokerAsync(server, broker, up: false);
                await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
                await SetBrokerAsync(server, broker, up: true);
            }
        });

        Assert.True(outcome.Duplicates == 0 && outcome.Distinct == Inputs, outcome.Report());
    }

    [Fact]
    public async Task ExecuteAsync_EveryBrokerDown_NoInputLostOrDuplicatedAndNoProducerAbandoned()
    {
        // Connections refused everywhere for 9 s, the coordinators of the group and of the transactional id too. The
        // brokers drop out of metadata, so librdkafka decommissions them, and the group coordinator's stays cached:
        // send_offsets_to_transaction then waits until some connection changes state (confluentinc/librdkafka#5511).
        // The worker's producer closes idle connections after 10 s, which is such a change, so the call returns inside
        // its bound and no producer (with its transaction open, never aborted by the mock cluster) is abandoned.
        var outcome = await RunWithFaultAsync(async server =>
        {
            for (var broker = 1; broker <= 3; broker++)
            {
                await SetBrokerAsync(server, broker, up: false);
            }
            await Task.Delay(TimeSpan.FromSeconds(9), TestContext.Current.CancellationToken);
            for (var broker = 1; broker <= 3; broker++)
            {
                await SetBrokerAsync(server, broker, up: true);
            }
        });

        Assert.True(outcome.Duplicates == 0 && outcome.Distinct == Inputs, outcome.Report());
        Assert.DoesNotContain(outcome.Log, l => l.Message.Contains("replaces its transactional producer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_WholeClusterHangs_NoInputLostOrDuplicated()
    {
        // The broker process frozen: connections stay open and nothing answers, as a hung host or a long GC pause.
        var outcome = await RunWithFaultAsync(async server =>
        {
            server.Process.Suspend();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
            }
            finally
            {
                server.Process.Resume();
            }
        });

        Assert.True(outcome.Duplicates == 0 && outcome.Distinct == Inputs, outcome.Report());
    }

    // Inputs at about 100/s; the fault starts after a third of them, while the worker is busy with transactions open.
    private static async Task<ExactlyOnceOutcome> RunWithFaultAsync(Func<DevKafkaServer, Task> fault)
    {
        await using var server = await DevKafkaServer.StartAsync("--topic", "in:4", "--topic", "out:4");
        var settings = ExactlyOnceOutcome.Settings(KafkaCluster.ForBootstrap(server.Bootstrap, "eos"), "eos-worker");
        // Deliveries and transactions wait out the fault (librdkafka's defaults are 300 s and 60 s).
        settings.Properties["message.timeout.ms"] = "60000";
        using var metrics = TestMetrics.CreateManager("stream");
        var inputs = KafkaCluster.ForBootstrap(server.Bootstrap).ToProducerConfig();
        inputs.MessageTimeoutMs = 60_000;
        using var producer = new ProducerBuilder<string, string>(inputs).Build();
        var log = new CapturingLogger<EchoWorker>();
        using var worker = new EchoWorker(settings, metrics, "in", "out", logger: log);
        await worker.StartAsync(TestContext.Current.CancellationToken);

        var produced = new List<Task>();
        Task? faulting = null;
        for (var i = 0; i < Inputs; i++)
        {
            if (i == Inputs / 3)
            {
                faulting = fault(server);
            }
            var value = $"v{i:D3}";
            produced.Add(producer.ProduceAsync("in", new Message<string, string> { Key = value, Value = value }, TestContext.Current.CancellationToken));
            await Task.Delay(TimeSpan.FromMilliseconds(10), TestContext.Current.CancellationToken);
        }
        await faulting!;
        await Task.WhenAll(produced);
        try
        {
            var outcome = await ExactlyOnceOutcome.ReadAsync(server, "out", Inputs);
            Assert.False(worker.ExecuteTask!.IsCompleted, $"the worker ended: {worker.ExecuteTask.Exception?.GetBaseException().Message}");
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await worker.StopAsync(stopping.Token);
            return outcome with { Log = log.Lines };
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{ex.Message}\n{ExactlyOnceOutcome.Describe(log.Lines)}", ex);
        }
    }

    private static async Task SetBrokerAsync(DevKafkaServer server, int broker, bool up)
    {
        using var response = await server.PostAsync($"/brokers/{broker}/{(up ? "up" : "down")}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
