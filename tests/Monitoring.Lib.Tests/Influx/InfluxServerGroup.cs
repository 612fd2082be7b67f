namespace Monitoring.Lib.Tests.Influx;

/// <summary>The collection sharing one influxd.</summary>
[CollectionDefinition(Name)]
public sealed class InfluxServerGroup : ICollectionFixture<InfluxServerFixture>
{
    public const string Name = "influxd";
}
