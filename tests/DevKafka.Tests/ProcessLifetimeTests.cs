using System.Diagnostics;
using Confluent.Kafka;
using DevKafka.Tests.Fixtures;

namespace DevKafka.Tests;

public sealed class ProcessLifetimeTests
{
    [Fact]
    public async Task StopAsync_Sigterm_ExitsZeroWithinFiveSeconds()
    {
        await using var server = await DevKafkaServer.StartAsync("--brokers", "2", "--topic", "forms:2");
        var watch = Stopwatch.StartNew();

        // SIGTERM, then SIGKILL only after 10 s: a kill would show as exit code 137.
        await server.Process.StopAsync(TimeSpan.FromSeconds(10));

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"DevKafka took {watch.Elapsed.TotalSeconds:0.0} s to stop");
        Assert.Equal(0, server.Process.ExitCode);
    }

    [Fact]
    public async Task StoppedAndContinued_ContinueHandledOnTheMockClusterThread_BrokersStillServe()
    {
        await using var server = await DevKafkaServer.StartAsync("--brokers", "1", "--topic", "frozen:1");
        var pid = server.Process.Id;
        var clusterThread = Signals.ThreadsNamed(pid, "rdk:mock").Single();

        // The process continued by a SIGCONT whose handler (.NET installs one) is to run on the mock cluster's thread,
        // as the kernel may pick it for a SIGCONT sent to the process: its poll was interrupted and the cluster ended.
        Assert.True(Signals.Send(pid, Signals.SigStop));
        Assert.True(Signals.SendToThread(pid, clusterThread, Signals.SigCont));

        using var producer = KafkaClients.Producer(server.Bootstrap, messageTimeoutMs: 5000);
        var delivered = await producer.ProduceAsync("frozen", new Message<Null, string> { Value = "after" }, TestContext.Current.CancellationToken);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.DoesNotContain("Mock cluster failed to poll", server.Process.RecentOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--topic", "forms", "--topic 'forms' must be NAME:PARTITIONS")]
    [InlineData("--topic", "forms:0", "--topic 'forms:0' must be a whole number from 1 to 1000")]
    [InlineData("--topic", "bad/name:2", "--topic 'bad/name:2': the name 'bad/name'")]
    [InlineData("--brokers", "0", "--brokers '0' must be a whole number from 1 to 32")]
    [InlineData("--brokers", "three", "--brokers 'three' must be a whole number")]
    [InlineData("--retention", "1h", "unknown argument '--retention'")]
    public async Task Start_BadArgument_ExitsNonZeroNamingArgumentAndValue(string name, string value, string message)
    {
        await using var server = await DevKafkaServer.LaunchAsync([name, value]);

        Assert.True(await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)), "DevKafka kept running with a bad argument");
        Assert.Equal(2, server.Process.ExitCode);
        Assert.Contains(message, server.Process.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ControlPortTaken_ExitsNonZeroNamingPort()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        await using var server = await DevKafkaServer.LaunchAsync([], port);

        Assert.True(await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)), "DevKafka kept running without its control port");
        Assert.Equal(1, server.Process.ExitCode);
        Assert.Contains($"could not start on control port {port}", server.Process.RecentOutput, StringComparison.Ordinal);
    }
}
