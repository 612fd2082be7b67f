using System.Globalization;
using Monitoring.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Servers;

/// <summary>An influxd 1.x config: everything under the state folder, only HTTP and RPC on loopback, no telemetry.</summary>
internal static class InfluxConfig
{
    public static string Create(ReplicaContext replica, int rpcPort) => string.Create(CultureInfo.InvariantCulture, $"""
        reporting-disabled = true
        bind-address = "127.0.0.1:{rpcPort}"

        [meta]
          dir = "{replica.CreateDirectory("meta")}"
          logging-enabled = false

        [data]
          dir = "{replica.CreateDirectory("data")}"
          wal-dir = "{replica.CreateDirectory("wal")}"
          query-log-enabled = false

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
          bind-address = "127.0.0.1:{replica.GetPort()}"
          auth-enabled = false
          log-enabled = false

        [logging]
          level = "warn"
          suppress-logo = true
        """);
}
