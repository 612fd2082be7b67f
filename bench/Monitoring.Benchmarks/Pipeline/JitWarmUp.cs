using System.Diagnostics;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Loads freshly started samples until the JIT is done with them. A restarted sample compiles for tens of seconds
/// under load (tiered compilation: tier 0, instrumented tier, then optimised code), more with monitoring on, since more
/// code runs; measured before that ends, the switch compares compilers, not steady states. See docs/performance.md.
/// </summary>
internal static class JitWarmUp
{
    private const int BatchForms = 5_000;

    // 1/100 s ticks: 20 ms of compilation in both samples together while 5,000 forms pass.
    private const long IdleTicks = 2;

    // A method is promoted after 30 calls, once to the instrumented tier and once more to optimised code, so code that
    // runs once a second (the Influx flush, health checks) is recompiled in bursts about 30 and 60 s after the start
    // (seen: 0.5 s of compilation in one batch at 57 s, none after 62 s). A quiet batch before that proves nothing.
    private static readonly TimeSpan MinimumLoad = TimeSpan.FromSeconds(65);
    private static readonly TimeSpan MaximumLoad = TimeSpan.FromMinutes(4);

    /// <summary>Returns the batches it took; throws when the JIT is still busy after <see cref="MaximumLoad"/>.</summary>
    public static async Task<int> UntilIdleAsync(PipelineUnderTest pipeline, string tag)
    {
        var loading = Stopwatch.StartNew();
        for (var batch = 1; loading.Elapsed < MaximumLoad; batch++)
        {
            var before = ThreadCpu.Snapshot();
            await FormLoad.PostAsync(pipeline, BatchForms, $"{tag}w{batch}");
            var idle = SamplesJitTicks(ThreadCpu.Used(before, ThreadCpu.Snapshot())) <= IdleTicks;
            if (idle && loading.Elapsed >= MinimumLoad)
            {
                return batch;
            }
        }
        throw new InvalidOperationException($"The samples' JIT threads were still busy after {MaximumLoad.TotalMinutes} minutes of load.");
    }

    // .NET names its background compilation thread ".NET Tiered Compilation Worker" (15 characters kept by Linux).
    private static long SamplesJitTicks(Dictionary<string, long> used) => used
        .Where(thread => thread.Key.StartsWith("Sample", StringComparison.Ordinal) && thread.Key.EndsWith("/ .NET Tiered Com", StringComparison.Ordinal))
        .Sum(thread => thread.Value);
}
