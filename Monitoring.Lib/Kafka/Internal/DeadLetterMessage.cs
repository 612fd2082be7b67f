using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>Builds the dead-letter copy of a failed input: same key, value and headers, plus why and where from.</summary>
internal static class DeadLetterMessage
{
    public const string SourceHeader = "source";

    public static Message<TKey, TValue> Create<TKey, TValue>(ConsumeResult<TKey, TValue> input, Exception exception)
    {
        var headers = new Headers();
        if (input.Message.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }
        headers.Add(KafkaStreamWorker<TKey, TValue>.ErrorHeader, Encoding.UTF8.GetBytes($"{exception.GetType().Name}: {exception.Message}"));
        headers.Add(SourceHeader, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{input.Topic}[{input.Partition.Value}]@{input.Offset.Value}")));
        return new Message<TKey, TValue> { Key = input.Message.Key, Value = input.Message.Value, Headers = headers };
    }
}
