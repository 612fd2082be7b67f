using BenchmarkDotNet.Attributes;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Monitoring.Lib.Influx;

namespace Monitoring.Benchmarks;

/// <summary>
/// Encoding one <c>requests</c> point into a reused builder (target: ≤ 150 ns and 0 B allocated), side by side with
/// InfluxDB.Client 5.1.0's own point builder (<c>PointData</c> to line protocol), which the 2.x writer does not use.
/// </summary>
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

    /// <summary>The same point through InfluxDB.Client's immutable builder, as its WritePoint(s) paths encode it.</summary>
    [Benchmark]
    public int RequestsPointInfluxDbClient() =>
        PointData.Measurement(InfluxNames.Series.Requests)
            .Tag(InfluxNames.Tags.Route, "POST:/forms")
            .Tag(InfluxNames.Tags.Service, "sample-web-producer")
            .Tag(InfluxNames.Tags.StatusCode, "202")
            .Field(InfluxNames.Fields.RequestId, "0HN7TQ2C3B4D5:00000001")
            .Field(InfluxNames.Fields.ExecutionTime, 1.734)
            .Timestamp(_time++, WritePrecision.Ns)
            .ToLineProtocol()
            .Length;
}
