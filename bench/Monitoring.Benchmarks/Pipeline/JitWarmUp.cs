namespace Monitoring.Benchmarks.Pipeline;

/// <summary>
/// Loads freshly started samples until the JIT is done with them. A restarted sample compiles for tens of seconds
/// under load (tiered compilation: tier 0, instrumented tier, then optimised code), more with monitoring on, since more
/// code runs; measured before that ends, the switch compares compilers, not steady states. See docs/performance.md.
/// </summary>
internal static class JitWarmUp
{
    private const int BatchForms = 5_000;
    private const int MaxBatches = 40;

    // 1/100 s ticks: 20 ms of compilation in both samples together while 5,000 forms pass.
    private const long IdleTicks = 2;

    /// <summary>Returns the batches it took; throws when the JIT is still busy after <see cref="MaxBatches"/>.</summary>
    public static async Task<int> UntilIdleAsync(PipelineUnderTest pipeline, string tag)
    {
        for (var batch = 1; batch <= MaxBatches; batch++)
        {
            var before = ThreadCpu.Snapshot();
            await FormLoad.PostAsync(pipeline, BatchForms, $"{tag}w{batch}");
            if (SamplesJitTicks(ThreadCpu.Used(before, ThreadCpu.Snapshot())) <= IdleTicks)
            {
                return batch;
            }
        }
        throw new InvalidOperationException($"The samples' JIT threads were still busy after {MaxBatches} batches of {BatchForms} forms.");
    }

    // .NET names its background compilation thread ".NET Tiered Compilation Worker" (15 characters kept by Linux).
    private static long SamplesJitTicks(Dictionary<string, long> used) => used
        .Where(thread => thread.Key.StartsWith("Sample", StringComparison.Ordinal) && thread.Key.EndsWith("/ .NET Tiered Com", StringComparison.Ordinal))
        .Sum(thread => thread.Value);
}
