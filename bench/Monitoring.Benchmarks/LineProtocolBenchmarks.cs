using BenchmarkDotNet.Attributes;
using Monitoring.Lib.Influx;

namespace Monitoring.Benchmarks;

/// <summary>Encoding one <c>requests</c> point into a reused builder. Target: ≤ 150 ns and 0 B allocated.</summary>
[MemoryDiagnoser]
public class LineProtocolBenchmarks
{
    private readonly LineProtocolBuilder _builder = new();
    private long _time = 1_800_000_000_000_000_000;

    /// <summary>As the request middleware writes it: tags in key order, as InfluxDB stores them.</summary>
    [Benchmark]
    public int RequestsPoint()
    {
        _builder.Clear();
        _builder.Begin(InfluxNames.Series.Requests)
            .Tag(InfluxNames.Tags.Route, "POST:/forms")
            .Tag(InfluxNames.Tags.Service, "sample-web-producer")
            .Tag(InfluxNames.Tags.StatusCode, 202)
            .Field(InfluxNames.Fields.RequestId, "0HN7TQ2C3B4D5:00000001")
            .Field(InfluxNames.Fields.ExecutionTime, 1.734)
            .Timestamp(_time++)
            .End();
        return _builder.WrittenSpan.Length;
    }
}
