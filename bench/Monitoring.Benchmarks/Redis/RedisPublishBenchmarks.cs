using System.Text;
using BenchmarkDotNet.Attributes;
using StackExchange.Redis;

namespace Monitoring.Benchmarks.Redis;

/// <summary>
/// The consumer's Redis publish rate: StackExchange.Redis PUBLISH of a form event (~430 bytes) to a real redis-server
/// with one subscriber on the channel, as SampleConsumer's FormsWorker publishes. Side by side in one run: one awaited
/// publish at a time (what the stream worker's after-delivery work does: in consume order, one at a time) and many in
/// flight on the multiplexer's pipeline (the ceiling if the events did not need their order). Time per operation is
/// per publish, so publishes/s = 1e9 / Mean(ns).
/// </summary>
[MemoryDiagnoser]
public class RedisPublishBenchmarks
{
    private const int Publishes = 2_000;
    private static readonly RedisChannel Channel = RedisChannel.Literal("events:acct-42");
    private readonly byte[] _payload = Encoding.UTF8.GetBytes(
        """{"request_id":"0HN8R2J3K4L5M","account_id":"acct-42","produced_at":"2026-11-30T17:00:00.000Z","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","form":{"account_id":"acct-42","email":"someone@example.com","name":"Someone Example","message":"Please call me back about the order I placed yesterday; the delivery address changed."}}""");
    private RedisServer _server = null!;
    private ConnectionMultiplexer _publisher = null!;
    private ConnectionMultiplexer _listener = null!;
    private long _received;

    [GlobalSetup]
    public void Setup()
    {
        _server = new RedisServer(name: "redis-publish-bench");
        _server.StartAsync().GetAwaiter().GetResult();
        _publisher = _server.ConnectAsync().GetAwaiter().GetResult();
        _listener = _server.ConnectAsync().GetAwaiter().GetResult();
        _listener.GetSubscriber().Subscribe(Channel, (_, _) => Interlocked.Increment(ref _received));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener.Dispose();
        _publisher.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Each publish awaited before the next: round-trip bound, the consumer's way.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Publishes)]
    public async Task PublishOneAtATime()
    {
        var subscriber = _publisher.GetSubscriber();
        for (var i = 0; i < Publishes; i++)
        {
            await RequireReceiverAsync(subscriber.PublishAsync(Channel, _payload));
        }
    }

    /// <summary>All publishes started, then awaited together: the multiplexer pipelines them on one connection.</summary>
    [Benchmark(OperationsPerInvoke = Publishes)]
    public async Task PublishPipelined()
    {
        var subscriber = _publisher.GetSubscriber();
        var pending = new Task<long>[Publishes];
        for (var i = 0; i < Publishes; i++)
        {
            pending[i] = subscriber.PublishAsync(Channel, _payload);
        }
        foreach (var publish in pending)
        {
            await RequireReceiverAsync(publish);
        }
    }

    private static async Task RequireReceiverAsync(Task<long> publish)
    {
        // PUBLISH answers how many subscribers got the message: 0 would mean the benchmark measured nothing real.
        if (await publish != 1)
        {
            throw new InvalidOperationException("redis-server delivered a publish to no subscriber.");
        }
    }
}
