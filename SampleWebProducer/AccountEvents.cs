using System.Collections.Concurrent;
using System.Threading.Channels;
using Monitoring.Lib.Redis;

namespace Monitoring.Samples.WebProducer;

/// <summary>
/// One Redis pattern subscription (<c>events:*</c>) for the whole process, fanned out to the WebSocket clients of
/// each account. The subscriber reconnects and re-subscribes by itself; a client's queue drops its oldest events
/// when the client is too slow, so one slow socket never holds up the others.
/// </summary>
public sealed partial class AccountEvents(RedisSubscriber subscriber, FormsProducerOptions options, ILogger<AccountEvents> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<AccountEvent>, byte>> _clients = new(StringComparer.Ordinal);

    /// <summary>How many WebSocket clients are connected now.</summary>
    public int ClientCount => _clients.Values.Sum(c => c.Count);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        subscriber.Handler = DispatchAsync;
        subscriber.RequestIdExtractor = message => AccountEvent.Parse(message.Payload).RequestId is { Length: > 0 } id ? id : null;
        try
        {
            await subscriber.PSubscribeAsync(options.EventChannelPrefix + "*", cancellationToken);
        }
        catch (TimeoutException ex)
        {
            // The subscription stays registered and is made as soon as Redis answers; /health shows Redis meanwhile.
            LogSubscribeLate(logger, ex, options.EventChannelPrefix + "*");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _clients.Values.SelectMany(c => c.Keys))
        {
            client.Writer.TryComplete();
        }
        return Task.CompletedTask;
    }

    /// <summary>Registers a client of <paramref name="accountId"/>; read its events from the returned reader, then <see cref="Remove"/> it.</summary>
    internal Channel<AccountEvent> Add(string accountId)
    {
        var queue = Channel.CreateBounded<AccountEvent>(new BoundedChannelOptions(options.ClientBufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _clients.GetOrAdd(accountId, _ => new ConcurrentDictionary<Channel<AccountEvent>, byte>())[queue] = 0;
        return queue;
    }

    internal void Remove(string accountId, Channel<AccountEvent> queue)
    {
        if (_clients.TryGetValue(accountId, out var queues))
        {
            queues.TryRemove(queue, out _);
        }
    }

    private ValueTask DispatchAsync(RedisMessage message, CancellationToken cancellationToken)
    {
        var accountId = message.Channel.StartsWith(options.EventChannelPrefix, StringComparison.Ordinal)
            ? message.Channel[options.EventChannelPrefix.Length..] : null;
        if (accountId is not null && _clients.TryGetValue(accountId, out var queues) && !queues.IsEmpty)
        {
            var accountEvent = AccountEvent.Parse(message.Payload);
            foreach (var queue in queues.Keys)
            {
                queue.Writer.TryWrite(accountEvent);
            }
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not confirm the subscription to {Pattern} at start; it is made when Redis answers")]
    private static partial void LogSubscribeLate(ILogger logger, Exception exception, string pattern);
}
