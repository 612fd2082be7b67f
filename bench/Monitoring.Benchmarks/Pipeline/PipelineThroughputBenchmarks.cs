using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Throughput of the whole template pipeline, HTTP → SampleWebProducer ×2 (behind the front address) → <c>forms</c> →
/// SampleConsumer → <c>outgoing</c>, with the monitoring layer on and off (<c>Monitoring__Enabled</c> on both samples).
/// One invocation posts <see cref="Forms"/> forms with <see cref="FormLoad.Concurrency"/> requests in flight and ends when
/// the copy's consumer has made as many visible on <c>outgoing</c> (<see cref="PipelineUnderTest.HandledTotal"/>); time
/// per operation is per form, so forms/s = 1 / mean.
/// </summary>
/// <remarks>
/// Separate processes per case measured the instance more than the switch (two runs of the same pair differed by 10 %),
/// and restarting the samples for each switch put a pair minutes apart on a host that drifts by ±10 % over minutes. So
/// one app model runs both settings side by side (<see cref="PipelineUnderTest"/>: a monitored and an unmonitored copy
/// of the samples on the same servers, each warmed up once), and the cases alternate off and on in rounds of seconds.
/// Compare within a round. Results and what they showed: docs/performance.md.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*PipelineThroughput*'
/// (build the solution in Release first: the AppHost runs the samples from their Release output).
/// </remarks>
[Config(typeof(AlternatingInProcessConfig))]
public class PipelineThroughputBenchmarks
{
    public const int Forms = 10_000;
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("PIPELINE_ROUNDS"), CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 12;
    private static PipelineUnderTest? s_pipeline;
    private int _round;
    private long _busyTicks;
    private long _formsMeasured;
    private readonly Dictionary<string, long> _programTicks = new(StringComparer.Ordinal);

    /// <summary>
    /// Round and mode, run in this order (alphabetical, as BenchmarkDotNet sorts them): <c>01-a-off</c>, <c>01-b-on</c>,
    /// <c>02-a-off</c>, … One pair varies by several percent on 2 shared cores, hence twelve (<c>PIPELINE_ROUNDS</c> on the
    /// benchmark process for more). <c>PIPELINE_CASES</c> on the benchmark process lists each round's modes instead of
    /// <c>off,on</c>: <c>dev</c> (Development: full tracing), <c>fetch500</c> (librdkafka's default fetch wait) and
    /// <c>alo</c> (the consumer in AtLeastOnce) run on copies of their own; a partial mode
    /// (<see cref="PipelineMode"/>: <c>nopoints</c>, <c>nopush</c>, <c>nostats</c> or <c>idsonly</c>) isolates one part of
    /// the cost and restarts the monitored copy.
    /// </summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Cases()
    {
        var modes = (Environment.GetEnvironmentVariable("PIPELINE_CASES") is { Length: > 0 } listed ? listed : "off,on")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Enumerable.Range(1, Rounds)
            .Select(round => round.ToString("D2", CultureInfo.InvariantCulture))
            .SelectMany(round => modes.Select((mode, index) => $"{round}-{(char)('a' + index)}-{mode}"));
    }

    // The last case run disposes the shared app model.
    private static readonly string LastCase = Cases().Last();

    private PipelineMode Mode => ModeOf(Case);

    private static PipelineMode ModeOf(string @case) => @case[(@case.LastIndexOf('-') + 1)..] switch
    {
        "off" => PipelineMode.Off,
        "on" => PipelineMode.On,
        "nostats" => PipelineMode.OnWithoutKafkaStatistics,
        "idsonly" => PipelineMode.OnRequestIdsOnly,
        "nopoints" => PipelineMode.OnWithoutPoints,
        "nopush" => PipelineMode.OnWithoutPush,
        "dev" => PipelineMode.Development,
        "fetch500" => PipelineMode.OnLibrdkafkaDefaultFetchWait,
        "alo" => PipelineMode.OnAtLeastOnce,
        var other => throw new InvalidOperationException(
            $"Case '{@case}' ends in '{other}': use off, on, dev, fetch500, alo, nopoints, nopush, nostats or idsonly (PIPELINE_CASES)."),
    };

    [GlobalSetup]
    public void Setup()
    {
        s_pipeline ??= PipelineUnderTest.StartAsync([.. Cases().Select(ModeOf).Distinct()]).GetAwaiter().GetResult();
        var cold = s_pipeline.SwitchAsync(Mode).GetAwaiter().GetResult();
        s_pipeline.EnsureSwitchTookEffect();
        if (cold)
        {
            var batches = JitWarmUp.UntilIdleAsync(s_pipeline, Case).GetAwaiter().GetResult();
            Console.WriteLine($"// {Case}: the samples' JIT went idle after {batches} warm-up batches");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Throughput on 2 shared cores is noisy; the CPU the whole machine spent per form (services, servers, this
        // client) is a second view of what monitoring costs. /proc/stat counts in 1/100 s.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Case}: machine CPU per form {_busyTicks * 10_000.0 / _formsMeasured:F1} µs over {_formsMeasured} forms"));
        Console.WriteLine($"// {Case}: CPU per form by program: " + string.Join(", ", _programTicks.OrderByDescending(p => p.Value)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value * 10_000.0 / _formsMeasured:F1} µs"))));
        if (Case == LastCase)
        {
            s_pipeline!.DisposeAsync().AsTask().GetAwaiter().GetResult();
            s_pipeline = null;
        }
    }

    [Benchmark(OperationsPerInvoke = Forms)]
    public async Task PostFormsUntilOnOutgoing()
    {
        var busyBefore = ProgramCpu.MachineBusyTicks();
        var programsBefore = ProgramCpu.Snapshot();
        await FormLoad.PostAsync(s_pipeline!, Forms, $"{Case}x{++_round}");
        _busyTicks += ProgramCpu.MachineBusyTicks() - busyBefore;
        foreach (var (program, ticks) in ProgramCpu.Difference(programsBefore, ProgramCpu.Snapshot()))
        {
            _programTicks[program] = _programTicks.GetValueOrDefault(program) + ticks;
        }
        _formsMeasured += Forms;
    }
}
