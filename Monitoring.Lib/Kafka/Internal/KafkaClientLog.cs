using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// librdkafka's log lines and client errors as <see cref="ILogger"/> messages (category <see cref="Category"/>), instead
/// of Confluent.Kafka's default of writing them to stderr where the dashboard shows them as unstructured console text.
/// </summary>
internal static partial class KafkaClientLog
{
    /// <summary>The logger category, <c>Aspire.Confluent.Kafka</c>: Aspire.Confluent.Kafka's, so that its users' log filters apply unchanged.</summary>
    public const string Category = "Aspire.Confluent.Kafka";

    public static void Write(ILogger logger, LogMessage message)
    {
        var level = (LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging);
        if (logger.IsEnabled(level))
        {
            Line(logger, level, message.Name, message.Facility, message.Message);
        }
    }

    /// <summary>A fatal error ends the client (an error); the others are librdkafka telling of a broker outage it rides out (a warning).</summary>
    public static void Error(ILogger logger, string client, Error error) =>
        ClientError(logger, error.IsFatal ? LogLevel.Error : LogLevel.Warning, client, error.Code, error.IsFatal, error.Reason);

    [LoggerMessage(Message = "librdkafka {Client} {Facility}: {Text}")]
    private static partial void Line(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(Message = "Kafka client {Client} error {Code} (fatal: {Fatal}): {Reason}")]
    private static partial void ClientError(ILogger logger, LogLevel level, string client, ErrorCode code, bool fatal, string reason);
}
