using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Monitoring.Hosting.Dashboard;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Benchmarks.Dashboard;

/// <summary>
/// What the server does when a console-logs page opens on a replica with a full log (10,000 lines): copy the kept
/// lines, pick the last 1,000 (with and without a filter) and serialize them as the page receives them.
/// </summary>
[MemoryDiagnoser]
public class LogsPageBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly ResourceLoggerService _logs = new(TimeProvider.System);

    [GlobalSetup]
    public void Fill()
    {
        for (var i = 0; i < ResourceLoggerService.Capacity; i++)
        {
            // Lines the size of a service's log line; one in ten is a warning, which the filtered case looks for.
            var level = i % 10 == 0 ? "WARN" : "INFO";
            _logs.Add("web", 0, i % 10 == 0, string.Create(CultureInfo.InvariantCulture,
                $"2026-11-21T05:30:00.{i % 1000:D3}Z {level} Monitoring.Sample[1] request {i} POST:/forms answered 202 in 1.7 ms"));
        }
    }

    [Benchmark(Baseline = true)]
    public int OpenTail1000() => Serialize(LogTail.Select(_logs.GetLogs("web"), null, 1_000));

    [Benchmark]
    public int OpenTail1000Filtered() => Serialize(LogTail.Select(_logs.GetLogs("web"), "warn", 1_000));

    [Benchmark]
    public int OpenAll10000() => Serialize(LogTail.Select(_logs.GetLogs("web"), null, 10_000));

    private static int Serialize(List<LogLineView> lines) => JsonSerializer.SerializeToUtf8Bytes(lines, Web).Length;
}
