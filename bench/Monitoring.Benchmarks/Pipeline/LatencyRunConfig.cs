using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// <see cref="AlternatingInProcessConfig"/> with a 30-minute bound per case instead of the in-process toolchain's 5
/// minutes: before the fetch-wait fix, one case of <see cref="EventLatencyBenchmarks"/> is 550 forms at about 0.4 s each.
/// </summary>
public sealed class LatencyRunConfig : AlternatingInProcessConfig
{
    public LatencyRunConfig()
        : base(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
    {
    }
}
