using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// One in-process job, so every case of <see cref="PipelineThroughputBenchmarks"/> shares the app model started by the
/// first: 1 warm-up and 10 measured invocations per case, each invocation one batch of forms (the case's set-up has
/// already loaded the samples until their JIT is idle: <see cref="JitWarmUp"/>).
/// </summary>
public class AlternatingInProcessConfig : ManualConfig
{
    public AlternatingInProcessConfig()
        : this(InProcessEmitToolchain.Instance)
    {
    }

    /// <param name="toolchain">The in-process toolchain, e.g. one with a longer bound per case than its default 5 minutes.</param>
    protected AlternatingInProcessConfig(IToolchain toolchain) => AddJob(Job.Default
        .WithToolchain(toolchain)
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(10)
        .WithInvocationCount(1)
        .WithUnrollFactor(1));
}
