using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>Log messages of the InfluxDB writer. None carries a password or token: only the write URL without its query.</summary>
internal static partial class InfluxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Writing {Points} points to {Endpoint} failed ({Reason}); retrying with backoff. Further failures are not logged until a write succeeds.")]
    public static partial void WriteFailing(ILogger logger, int points, string endpoint, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Writing to {Endpoint} works again after {Retries} retries.")]
    public static partial void WriteRecovered(ILogger logger, string endpoint, long retries);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "{Endpoint} rejected {Points} points with {Status}: {ServerMessage}. They are dropped, not retried ({Suppressed} similar rejections since the last message).")]
    public static partial void WriteRejected(ILogger logger, string endpoint, int points, int status, string serverMessage, long suppressed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "InfluxDB settings changed: now writing to {Endpoint}.")]
    public static partial void Reconfigured(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Ignoring changed InfluxDB settings, they are invalid: {Errors}")]
    public static partial void ReconfigureRejected(ILogger logger, string errors);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Stopping with {Points} points not written to InfluxDB (shutdown timeout or server unreachable).")]
    public static partial void UnflushedAtStop(ILogger logger, long points);
}
