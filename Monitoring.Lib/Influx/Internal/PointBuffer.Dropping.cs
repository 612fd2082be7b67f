namespace Monitoring.Lib.Influx.Internal;

// Dropping the oldest points beyond capacity, one at a time, so the count of dropped points is exact.
internal sealed partial class PointBuffer
{
    // Called with the shard lock held: the oldest queued point goes first; with an empty queue, this shard's oldest.
    private void DropOldest(PointChunk own)
    {
        lock (_queueLock)
        {
            if (!DropOldestSealed())
            {
                own.DropOldest();
                Interlocked.Decrement(ref _buffered);
                Interlocked.Increment(ref _droppedBufferFull);
            }
        }
    }

    private void TrimSealed()
    {
        while (Interlocked.Read(ref _buffered) > Volatile.Read(ref _capacity) && DropOldestSealed())
        {
        }
    }

    private bool DropOldestSealed()
    {
        if (_sealed.First is not { } node)
        {
            return false;
        }
        node.Value.DropOldest();
        if (node.Value.Live == 0)
        {
            _sealed.RemoveFirst();
            if (_pool.Count < MaxPooledChunks)
            {
                _pool.Push(node.Value);
            }
        }
        _sealedPoints--;
        Interlocked.Decrement(ref _buffered);
        Interlocked.Increment(ref _droppedBufferFull);
        return true;
    }
}
