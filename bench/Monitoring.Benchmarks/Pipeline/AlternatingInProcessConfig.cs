using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// One in-process job, so every case of <see cref="PipelineThroughputBenchmarks"/> shares the app model started by the
/// first: 2 warm-up and 10 measured invocations per case, each invocation one batch of forms.
/// </summary>
public sealed class AlternatingInProcessConfig : ManualConfig
{
    public AlternatingInProcessConfig() => AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(10)
        .WithInvocationCount(1)
        .WithUnrollFactor(1));
}
