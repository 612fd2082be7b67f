namespace Monitoring.Samples.WebProducer;

/// <summary>The last <c>capacity</c> distinct ids seen, oldest forgotten first; safe from several threads.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>False when <paramref name="id"/> is among the recent ones; otherwise remembers it and returns true.</summary>
    public bool Add(string id)
    {
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
