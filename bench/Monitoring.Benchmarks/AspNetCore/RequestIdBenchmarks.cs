using BenchmarkDotNet.Attributes;
using Monitoring.Lib.AspNetCore.Internal;

namespace Monitoring.Benchmarks.AspNetCore;

/// <summary>
/// A generated request id (no <c>X-Request-Id</c> from the client): <see cref="RequestIds.New"/> against the
/// <c>Guid.NewGuid().ToString("N")</c> it replaced, which on Linux makes a getrandom system call per id.
/// </summary>
[MemoryDiagnoser]
public class RequestIdBenchmarks
{
    [Benchmark(Baseline = true)]
    public string GuidN() => Guid.NewGuid().ToString("N");

    [Benchmark]
    public string RandomSharedHex() => RequestIds.New();
}
