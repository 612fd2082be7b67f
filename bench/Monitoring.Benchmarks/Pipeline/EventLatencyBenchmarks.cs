using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// How long a form takes from <c>POST /forms</c> to its event on a WebSocket, through the AppHost's app model on
/// DevKafka (<see cref="PipelineUnderTest"/>, monitoring on): HTTP → producer → <c>forms</c> → consumer → <c>outgoing</c>
/// → Redis → the producer replica holding the socket. One invocation is <see cref="Probes"/> forms posted one after the
/// other (a random 0–100 ms pause before each, so they do not fall into step with the consumer's fetches), at idle or
/// beside a background load of <see cref="FormsPerSecond"/>. The percentiles over all measured invocations are printed
/// at the end of each case (<c>// latency …</c>); BenchmarkDotNet's mean includes the pauses.
/// </summary>
/// <remarks>
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*EventLatency*'
/// (build the solution in Release first). Before/after a setting: PIPELINE_ALL_&lt;variable&gt;=&lt;value&gt; on this process
/// gives it to the samples, e.g. PIPELINE_ALL_Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs=500.
/// </remarks>
[Config(typeof(LatencyRunConfig))]
public class EventLatencyBenchmarks
{
    public const int Probes = 50;
    private static PipelineUnderTest? s_pipeline;
    private readonly List<double> _latencies = [];
    private readonly Random _pauses = new(20261203);
    private SocketProbe? _probe;
    private int _invocations;

    /// <summary>Background forms per second beside the probes: 0 (idle) or 1,000.</summary>
    [Params(0, 1_000)]
    public int FormsPerSecond { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        s_pipeline ??= PipelineUnderTest.StartAsync().GetAwaiter().GetResult();
        if (s_pipeline.SwitchAsync(PipelineMode.On).GetAwaiter().GetResult())
        {
            JitWarmUp.UntilIdleAsync(s_pipeline, "latency").GetAwaiter().GetResult();
        }
        _probe = SocketProbe.OpenAsync(s_pipeline.ProducerFront).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Probes)]
    public async Task PostFormUntilOnSocket()
    {
        await using var load = new PacedLoad(s_pipeline!.ProducerFront, FormsPerSecond, $"l{FormsPerSecond}x{_pauses.Next()}");
        var measured = new double[Probes];
        for (var i = 0; i < Probes; i++)
        {
            await Task.Delay(_pauses.Next(0, 101));
            measured[i] = await _probe!.MeasureOneAsync();
        }
        // BenchmarkDotNet's warm-up invocation comes first: its figures are left out.
        if (++_invocations > 1)
        {
            _latencies.AddRange(measured);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine(LatencyPercentiles.Describe(
            string.Create(CultureInfo.InvariantCulture, $"at {FormsPerSecond} forms/s over {_latencies.Count} forms"), _latencies));
        _probe!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (FormsPerSecond == 1_000)
        {
            s_pipeline!.DisposeAsync().AsTask().GetAwaiter().GetResult();
            s_pipeline = null;
        }
    }
}
