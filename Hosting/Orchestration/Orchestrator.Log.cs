using Microsoft.Extensions.Logging;

namespace Monitoring.Hosting.Orchestration;

internal sealed partial class Orchestrator
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Starting {Count} resources; state folder {Directory}")]
        public static partial void Starting(ILogger logger, int count, string directory);

        [LoggerMessage(2, LogLevel.Error, "{Resource}[{Replica}] failed to start: {Reason}")]
        public static partial void FailedToStart(ILogger logger, string resource, int replica, string? reason);

        [LoggerMessage(3, LogLevel.Information, "Stopped every resource; removed {Directory} unless Hosting:KeepStateDirectory is set")]
        public static partial void Stopped(ILogger logger, string directory);
    }
}
