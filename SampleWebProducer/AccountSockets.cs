using System.Collections.Concurrent;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// The WebSocket clients of one account on this replica, and the events lately sent to them: an event goes to every
/// client's queue once, even when it comes both live and from the log, or twice because the consumer handled its form
/// twice (at-least-once).
/// </summary>
internal sealed class AccountSockets
{
    // Remembered per account: enough to cover an outage's replay window at any rate a single account sees.
    private const int RememberedEvents = 1_024;
    private readonly ConcurrentDictionary<SocketQueue, byte> _queues = new();
    private readonly RecentEventIds _sent = new(RememberedEvents);

    public int Count => _queues.Count;

    public bool IsEmpty => _queues.IsEmpty;

    public IEnumerable<SocketQueue> Queues => _queues.Keys;

    public void Add(SocketQueue queue) => _queues[queue] = 0;

    /// <summary>False when the queue was not among them.</summary>
    public bool Remove(SocketQueue queue) => _queues.TryRemove(queue, out _);

    /// <summary>
    /// Hands <paramref name="relayedEvent"/> to every client unless they already had it, and says whether it did. An event
    /// is its form's request id and produced_at (a client may reuse a request id; not within the same millisecond).
    /// Without a request id it cannot be told apart: sent when live, not when read back from the log.
    /// </summary>
    public bool Deliver(RelayedEvent relayedEvent, bool fromLog)
    {
        var known = relayedEvent.RequestId.Length == 0
            ? fromLog
            : !_sent.Add(relayedEvent.RequestId, relayedEvent.ProducedAtMs);
        if (known)
        {
            return false;
        }
        foreach (var queue in _queues.Keys)
        {
            queue.TryWrite(relayedEvent);
        }
        return true;
    }
}
