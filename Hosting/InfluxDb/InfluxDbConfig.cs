namespace Monitoring.Hosting.InfluxDb;

/// <summary>
/// influxd 1.x's config: only HTTP on loopback, no telemetry, quiet logs. The ports and folders come from
/// <c>INFLUXDB_*</c> environment variables, which influxd 1.x reads over its config file.
/// </summary>
internal static class InfluxDbConfig
{
    public const string Text = """
        reporting-disabled = true

        [meta]
          logging-enabled = false

        [data]
          query-log-enabled = false
          trace-logging-enabled = false

        [retention]
          enabled = false

        [monitor]
          store-enabled = false

        [subscriber]
          enabled = false

        [continuous_queries]
          enabled = false

        [http]
          enabled = true
          auth-enabled = false
          log-enabled = false
          write-tracing = false

        [logging]
          level = "warn"
          suppress-logo = true
        """;
}
