using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Lib.Influx;

namespace Monitoring.Benchmarks;

/// <summary>
/// Sustained ingest into a real influxd 1.x: points are recorded while the flusher sends batches.
/// Time per operation is per point, so points/s = 1e9 / Mean(ns). Goal: ≥ 300k points/s on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class InfluxIngestBenchmarks
{
    private const int Points = 200_000;
    private InfluxServer _server = null!;
    private InfluxRecorder _recorder = null!;

    /// <summary>Points per write request: the default, and a larger one to show how much the request count costs.</summary>
    [Params(5_000, 20_000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new InfluxServer("influx-bench");
        _server.StartAsync().GetAwaiter().GetResult();
        _server.CreateDatabaseAsync("bench").GetAwaiter().GetResult();
        var options = new InfluxOptions { Url = _server.Url, Database = "bench", BatchSize = BatchSize };
        _recorder = new InfluxRecorder(options, TimeProvider.System, NullLogger.Instance, handler: null, random: Random.Shared.NextDouble);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recorder.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public async Task RecordAndWriteToInfluxd()
    {
        using var done = new CancellationTokenSource();
        var flusher = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await _recorder.WaitForBatchAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                await _recorder.FlushAsync();
            }
        });
        for (var i = 0; i < Points; i++)
        {
            _recorder.BeginRequest("svc", "POST", "/forms", 202, "request", i * 0.001).Tag("instance", i & 15).Record();
        }
        await done.CancelAsync();
        await flusher;
        if (!await _recorder.FlushAsync())
        {
            throw new InvalidOperationException($"influxd did not take the points: {_recorder.Statistics.LastError}");
        }
    }
}
