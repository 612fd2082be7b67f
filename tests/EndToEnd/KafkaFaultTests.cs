using System.Globalization;
using System.Net;

namespace MonitoringStack.EndToEnd;

/// <summary>Kafka faults through the app model: a broker down, the cluster frozen, the consumer restarted or killed.</summary>
[Collection(PipelineGroup.Name)]
public sealed class KafkaFaultTests(PipelineFixture fixture)
{
    [Fact]
    public async Task ConsumerRestarted_FormPostedRightAfter_ReachesOutgoingWithoutWaitingOutTheOldSession()
    {
        await fixture.CommandAsync("sample-consumer", KnownResourceCommands.RestartCommand);
        var consumer = await fixture.WaitHealthyAsync("sample-consumer");
        var requestId = "e2e-consumer-restart-" + Guid.NewGuid().ToString("N");
        using (var response = await fixture.PostFormAsync(Pipeline.Form("again@example.com", Pipeline.NewAccount("again")), requestId))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Within Pipeline.Wait (30 s): with the client's default 45 s session, DevKafka kept the stopped consumer in the
        // group and the new one got no partitions for 44 s.
        Assert.NotNull(fixture.FindByRequestId("outgoing", requestId));
        Assert.Equal("00:00:06", consumer.EnvironmentVariables.Single(e => e.Name == "Monitoring__Kafka__SessionTimeout").Value);
    }

    [Fact]
    public async Task KafkaBrokerDownLongerThanTheSessionUnderLoad_EveryAcceptedFormOnOutgoingOnceOthers503AndTheConsumerStaysUp()
    {
        const int forms = 150;
        var outcome = await PostUnderFaultAsync("e2e-outage-", forms, async i =>
        {
            if (i == forms / 3)
            {
                // Broker 1 leads forms[0] and forms[3] and coordinates the consumer's group; 9 s is longer than the
                // samples' 6 s session, so the consumer loses its partitions and its open transaction.
                await fixture.CommandAsync("kafka", "broker-1-down");
            }
            if (i == 2 * forms / 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(9), TestContext.Current.CancellationToken);
                await fixture.CommandAsync("kafka", "broker-1-up");
            }
        }, () => fixture.CommandAsync("kafka", "broker-1-up"));

        TestContext.Current.TestOutputHelper?.WriteLine($"{forms} forms, broker 1 down 9 s: {outcome}");
    }

    [Fact]
    public async Task KafkaClusterFrozen12sUnderLoad_EveryAcceptedFormOnOutgoingOnceOthers503AndTheConsumerStaysUp()
    {
        const int forms = 150;
        // DevKafka's process stopped where it stands: connections stay open and nothing answers, as a hung host would.
        var kafka = await fixture.ProcessIdAsync("kafka");
        var outcome = await PostUnderFaultAsync("e2e-frozen-", forms, async i =>
        {
            if (i == forms / 3)
            {
                Assert.True(Signals.Send(kafka, Signals.SigStop), $"DevKafka (pid {kafka}) is gone");
            }
            if (i == 2 * forms / 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
                Signals.Send(kafka, Signals.SigCont);
            }
        }, () =>
        {
            Signals.Send(kafka, Signals.SigCont);
            return Task.CompletedTask;
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"{forms} forms, DevKafka frozen 12 s: {outcome}");
    }

    [Fact]
    public async Task ConsumerKilledMidStreamUnderLoad_EveryAcceptedFormOnOutgoingAfterItIsStartedAgain()
    {
        const int forms = 150;
        // SIGKILL: no revoke, no abort, no commit; its open transaction is left behind and its partitions held until
        // the group's 6 s session runs out. Started again (as an orchestrator would) a second later. No loss is asserted,
        // duplicates only reported: a real broker aborts the open transaction when the restarted member registers the
        // same transactional.id, librdkafka's mock cluster never does, and it hides only aborted transactions' records
        // from read_committed readers, so the killed member's last outputs count (1, 8 and 4 twice in three runs).
        var consumer = await fixture.ProcessIdAsync("sample-consumer");
        var (killed, started) = (false, false);
        async Task StartAgainAsync()
        {
            await fixture.WaitStoppedAsync("sample-consumer");
            await fixture.CommandAsync("sample-consumer", KnownResourceCommands.StartCommand);
            started = true;
        }
        var outcome = await PostUnderFaultAsync("e2e-killed-", forms, async i =>
        {
            if (i == forms / 3)
            {
                killed = Signals.Send(consumer, Signals.SigKill);
                Assert.True(killed, $"the consumer (pid {consumer}) is gone");
            }
            if (i == 2 * forms / 3)
            {
                await StartAgainAsync();
            }
        }, () => killed && !started ? StartAgainAsync() : Task.CompletedTask, duplicatesAsserted: false);

        TestContext.Current.TestOutputHelper?.WriteLine($"{forms} forms, consumer killed and started again: {outcome}");
    }

    /// <summary>
    /// Posts <paramref name="forms"/> forms, one every 20 ms, running <paramref name="fault"/> before each; then waits
    /// until every accepted form is on <c>outgoing</c> for a read_committed reader and asserts: answers only 202 or 503,
    /// each accepted form there once (the consumer runs exactly-once; only at least once unless
    /// <paramref name="duplicatesAsserted"/>), the consumer running and healthy. <paramref name="restore"/> always runs,
    /// also when a post or the fault fails.
    /// </summary>
    private async Task<string> PostUnderFaultAsync(string prefix, int forms, Func<int, Task> fault, Func<Task> restore,
        bool duplicatesAsserted = true)
    {
        prefix += Guid.NewGuid().ToString("N")[..8] + "-";
        var account = Pipeline.NewAccount("fault");
        var posts = new List<Task<(string RequestId, HttpStatusCode Status)>>();
        async Task<(string, HttpStatusCode)> PostAsync(string requestId)
        {
            // One email per form: forms are keyed by email, so they spread over every partition of forms.
            using var response = await fixture.PostFormAsync(Pipeline.Form(requestId + "@example.com", account), requestId);
            return (requestId, response.StatusCode);
        }

        // The fault is to hit a consumer that owns its partitions and is mid-stream, not one still joining its group.
        var warmUp = prefix + "warm-up";
        using (var response = await fixture.PostFormAsync(Pipeline.Form(warmUp + "@example.com", account), warmUp))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        Assert.NotNull(fixture.FindByRequestId("outgoing", warmUp));
        try
        {
            for (var i = 0; i < forms; i++)
            {
                await fault(i);
                posts.Add(PostAsync(prefix + i.ToString("D3", CultureInfo.InvariantCulture)));
                await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await restore();
        }
        var answers = await Task.WhenAll(posts);
        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).Select(a => a.RequestId).ToHashSet(StringComparer.Ordinal);
        // What a read_committed reader of outgoing gets: the consumer runs exactly-once, so aborted batches are not in it.
        var arrived = await fixture.CommittedRequestIdsAsync("outgoing", prefix);
        // The consumer's group settles after the fault (session 6 s, rejoin) before the held forms come through.
        for (var deadline = DateTime.UtcNow.AddSeconds(90); !accepted.IsSubsetOf(arrived) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            arrived = await fixture.CommittedRequestIdsAsync("outgoing", prefix);
        }

        var duplicates = arrived.Count - arrived.Distinct(StringComparer.Ordinal).Count();
        // A form Kafka cannot acknowledge within Forms:ProduceTimeout (5 s) gets 503 with Retry-After. Nothing else: no
        // 500, no answer held for the whole fault.
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable }));
        if (!accepted.IsSubsetOf(arrived) || (duplicatesAsserted && duplicates > 0))
        {
            var errors = await fixture.QueryPrometheusSeriesAsync("messages_errors{app=\"sample-consumer\"}");
            Assert.Fail($"{accepted.Except(arrived).Count()} of {accepted.Count} accepted forms ({forms - accepted.Count} refused with 503) "
                + $"never reached outgoing, {duplicates} reached it twice; the consumer's errors: "
                + string.Join(", ", errors.Select(e => $"{e.Labels.GetValueOrDefault("exception")} {e.Value}"))
                + "; its stream worker's last lines:\n" + string.Join('\n', await fixture.LogAsync("sample-consumer", 40, "Stream worker")));
        }
        // Running and healthy after the fault: a consumer that died (and was not started again) would not be.
        var consumer = await fixture.WaitHealthyAsync("sample-consumer");
        Assert.Equal(KnownResourceStates.Running, consumer.State?.Text);
        return $"{accepted.Count} accepted (each in outgoing, {duplicates} twice), {forms - accepted.Count} answered 503 "
            + $"({answers.Count(a => a.Status != HttpStatusCode.Accepted && arrived.Contains(a.RequestId))} of them in outgoing anyway: librdkafka kept retrying)";
    }
}
