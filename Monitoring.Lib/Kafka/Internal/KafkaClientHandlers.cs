using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>Sets a client builder's handler unless the app's own configure delegate set one first.</summary>
internal static partial class KafkaClientHandlers
{
    /// <summary>True when set; false when Confluent.Kafka refused a second handler (the app's stays, and this is logged).</summary>
    public static bool TrySet(Action set, ILogger logger, string handler)
    {
        try
        {
            set();
            return true;
        }
        catch (InvalidOperationException)
        {
            AppHandlerKept(logger, handler);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The app set its own Kafka {Handler} handler; the monitoring one is left out")]
    private static partial void AppHandlerKept(ILogger logger, string handler);
}
