using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Influx;

namespace Monitoring.Benchmarks;

/// <summary>
/// Recording <c>requests</c> points from 2 threads into the buffered recorder. Time per operation is per point, so
/// points/s = 1e9 / Mean(ns). Target: ≥ 5 M points/s. Each iteration's points are flushed (to a handler that answers
/// 204 without a network) in the cleanup, so the buffer never overflows and only recording is measured.
/// </summary>
[MemoryDiagnoser]
public class InfluxRecorderBenchmarks
{
    private const int Threads = 2;
    private const int PointsPerThread = 50_000;
    private InfluxRecorder _recorder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new InfluxOptions { Url = "http://127.0.0.1:9", Database = "bench", BufferCapacity = 1_000_000 };
        _recorder = new InfluxRecorder(options, TimeProvider.System, NullLogger.Instance, new NoContentHandler(), Random.Shared.NextDouble);
    }

    [IterationCleanup]
    public void Drain() => _recorder.FlushAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _recorder.Dispose();

    [Benchmark(OperationsPerInvoke = Threads * PointsPerThread)]
    [InvocationCount(8)]
    public void RecordRequestsFromTwoThreads()
    {
        var tasks = new Task[Threads];
        for (var t = 0; t < Threads; t++)
        {
            tasks[t] = Task.Factory.StartNew(RecordMany, TaskCreationOptions.LongRunning);
        }
        Task.WaitAll(tasks);
    }

    private void RecordMany()
    {
        for (var i = 0; i < PointsPerThread; i++)
        {
            _recorder.BeginRequest("sample-web-producer", "POST", "/forms", 202, "0HN7TQ2C3B4D5:00000001", 1.734).Record();
        }
    }

    private sealed class NoContentHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
