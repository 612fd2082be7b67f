using System.Threading.Channels;

namespace Monitoring.Lib.Kafka.Internal;

/// <summary>
/// Takes librdkafka's statistics off the client's poll thread (for a consumer, the thread that calls Consume): the
/// handler only drops the JSON into a one-slot channel, keeping the newest, and a background loop parses it into the
/// gauges. A slow parse therefore never delays consuming or delivery reports.
/// </summary>
internal sealed class KafkaStatisticsPump : IDisposable
{
    private readonly Channel<string> _documents = Channel.CreateBounded<string>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = true,
    });
    private readonly Task _loop;

    public KafkaStatisticsPump(KafkaStatisticsMetrics metrics)
    {
        _loop = Task.Run(async () =>
        {
            await foreach (var json in _documents.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                metrics.Update(json);
            }
        });
    }

    /// <summary>Called on librdkafka's thread: never blocks; an unread older document is replaced.</summary>
    public void Post(string json) => _documents.Writer.TryWrite(json);

    /// <summary>Ends the loop after the document in hand (at most a second's wait).</summary>
    public void Dispose()
    {
        _documents.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(1));
    }
}
