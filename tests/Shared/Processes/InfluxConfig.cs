using System.Globalization;

namespace Monitoring.Tests.Processes;

/// <summary>
/// An influxd 1.x config: data under <c>stateDirectory</c>, only HTTP and RPC on loopback, no telemetry, quiet logs.
/// Shared by the test fixtures that start influxd on their own (linked source).
/// </summary>
internal static class InfluxConfig
{
    public static string Create(string stateDirectory, int httpPort, int rpcPort) => string.Create(CultureInfo.InvariantCulture, $"""
        reporting-disabled = true
        bind-address = "127.0.0.1:{rpcPort}"

        [meta]
          dir = "{Sub(stateDirectory, "meta")}"
          logging-enabled = false

        [data]
          dir = "{Sub(stateDirectory, "data")}"
          wal-dir = "{Sub(stateDirectory, "wal")}"
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
          bind-address = "127.0.0.1:{httpPort}"
          auth-enabled = false
          log-enabled = false
          write-tracing = false

        [logging]
          level = "warn"
          suppress-logo = true
        """);

    private static string Sub(string stateDirectory, string name) => Directory.CreateDirectory(Path.Combine(stateDirectory, name)).FullName;
}
