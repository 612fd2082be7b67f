using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Throughput of the whole template pipeline, HTTP → SampleWebProducer ×2 (behind the front address) → <c>forms</c> →
/// SampleConsumer → <c>outgoing</c>, with the monitoring layer on and off (<c>Monitoring__Enabled</c> on both samples).
/// One invocation posts <see cref="Forms"/> forms with <see cref="FormLoad.Concurrency"/> requests in flight and ends when
/// <c>outgoing</c> has grown by as many; time per operation is per form, so forms/s = 1 / mean.
/// </summary>
/// <remarks>
/// Separate processes per case measured the instance more than the switch (two runs of the same pair differed by 10 %:
/// partition leaders, batching). So everything runs in this one process on one app model (<see cref="PipelineUnderTest"/>),
/// and the cases alternate off, on and one partial mode in rounds; the samples restart when the mode changes. Compare
/// within a round. Results and what they showed: docs/performance.md.
/// Run: dotnet run -c Release --project bench/Monitoring.Benchmarks -- --filter '*PipelineThroughput*'
/// (build the solution in Release first: the AppHost runs the samples from their Release output).
/// </remarks>
[Config(typeof(AlternatingInProcessConfig))]
public class PipelineThroughputBenchmarks
{
    public const int Forms = 10_000;
    private static PipelineUnderTest? s_pipeline;
    private int _round;
    private long _busyTicks;
    private long _formsMeasured;
    private readonly Dictionary<string, long> _programTicks = new(StringComparer.Ordinal);

    /// <summary>
    /// Round and mode, run in this order (alphabetical, as BenchmarkDotNet sorts them): <c>1-a-off</c>, <c>1-b-on</c>,
    /// <c>2-a-off</c>, … Six rounds: one pair varies by several percent on 2 shared cores. A partial mode
    /// (<see cref="PipelineMode"/>: <c>nopoints</c>, <c>nopush</c>, <c>nostats</c> or <c>idsonly</c>) can join a round as
    /// <c>N-c-…</c> to isolate one part of the cost.
    /// </summary>
    [Params("1-a-off", "1-b-on", "2-a-off", "2-b-on", "3-a-off", "3-b-on", "4-a-off", "4-b-on", "5-a-off", "5-b-on", "6-a-off", "6-b-on")]
    public string Case { get; set; } = "";

    // The last case run disposes the shared app model.
    private const string LastCase = "6-b-on";

    private PipelineMode Mode => Case[(Case.LastIndexOf('-') + 1)..] switch
    {
        "off" => PipelineMode.Off,
        "on" => PipelineMode.On,
        "nostats" => PipelineMode.OnWithoutKafkaStatistics,
        "idsonly" => PipelineMode.OnRequestIdsOnly,
        "nopoints" => PipelineMode.OnWithoutPoints,
        "nopush" => PipelineMode.OnWithoutPush,
        var other => throw new InvalidOperationException($"Case '{Case}' ends in '{other}': use off, on, nopoints, nopush, nostats or idsonly."),
    };

    [GlobalSetup]
    public void Setup()
    {
        if (s_pipeline is null)
        {
            s_pipeline = PipelineUnderTest.StartAsync(Mode).GetAwaiter().GetResult();
        }
        else
        {
            s_pipeline.SwitchAsync(Mode).GetAwaiter().GetResult();
        }
        s_pipeline.EnsureSwitchTookEffect();
        var batches = JitWarmUp.UntilIdleAsync(s_pipeline, Case).GetAwaiter().GetResult();
        Console.WriteLine($"// {Case}: the samples' JIT went idle after {batches} warm-up batches");
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
