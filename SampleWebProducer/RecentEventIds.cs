namespace MonitoringStack.SampleWebProducer;

/// <summary>The last <c>capacity</c> distinct events seen, by request id and produced_at, oldest forgotten first; safe from several threads.</summary>
internal sealed class RecentEventIds(int capacity)
{
    private readonly HashSet<(string RequestId, long? ProducedAtMs)> _ids = [];
    private readonly Queue<(string RequestId, long? ProducedAtMs)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>False when the event is among the recent ones; otherwise remembers it and returns true.</summary>
    public bool Add(string requestId, long? producedAtMs)
    {
        var id = (requestId, producedAtMs);
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return false;
            }
            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
