using System.Threading.Channels;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// One WebSocket client's bounded queue of events. When the client reads too slowly the queue drops its oldest event,
/// so one slow socket never holds up the Redis subscriber or the other clients; each drop is counted in
/// <c>ws_events_dropped</c> and the first one of the client is logged, so the loss is never silent.
/// </summary>
internal sealed partial class SocketQueue
{
    private readonly Channel<RelayedEvent> _channel;
    private readonly CounterSeries _droppedTotal;
    private readonly ILogger _logger;
    private long _dropped;

    /// <param name="accountId">The account whose events the client receives.</param>
    /// <param name="capacity">Events kept for the client before the oldest are dropped.</param>
    /// <param name="droppedTotal">The process-wide drop counter, bound once so a drop allocates nothing.</param>
    /// <param name="logger">Where the first drop of the client is reported.</param>
    public SocketQueue(string accountId, int capacity, CounterSeries droppedTotal, ILogger logger)
    {
        AccountId = accountId;
        Capacity = capacity;
        _droppedTotal = droppedTotal;
        _logger = logger;
        _channel = Channel.CreateBounded<RelayedEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
    }

    /// <summary>The account whose events the client receives.</summary>
    public string AccountId { get; }

    /// <summary>Events kept for the client before the oldest are dropped.</summary>
    public int Capacity { get; }

    /// <summary>Where the client's session reads its events.</summary>
    public ChannelReader<RelayedEvent> Reader => _channel.Reader;

    /// <summary>Events this client lost because its queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an event; never waits (a full queue drops its oldest instead). False once completed.</summary>
    public bool TryWrite(RelayedEvent relayedEvent) => _channel.Writer.TryWrite(relayedEvent);

    /// <summary>Ends the client's stream: its reader finishes once the queued events are read.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    // Runs on the subscriber's dispatch path: an interlocked add, and a log line only for the client's first drop.
    private void OnDropped(RelayedEvent dropped)
    {
        _droppedTotal.Increment();
        if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFirstDrop(_logger, AccountId, Capacity);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WebSocket client of account {AccountId} reads too slowly: its queue of {Capacity} events is full and drops the oldest (counted in ws_events_dropped; logged once per client)")]
    private static partial void LogFirstDrop(ILogger logger, string accountId, int capacity);
}
