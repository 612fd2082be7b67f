using System.Numerics;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// The bounded store between recording threads and the flusher. Recording threads append encoded lines to one of
/// several striped chunks (an uncontended lock each); full chunks move to a queue the flusher takes batches from.
/// When more than <see cref="Capacity"/> points wait, the oldest are dropped one by one and counted exactly.
/// </summary>
internal sealed partial class PointBuffer
{
    private readonly object[] _shardLocks;
    private readonly PointChunk[] _current;
    private readonly LinkedList<PointChunk> _sealed = new();
    private readonly Stack<PointChunk> _pool = new();
    private readonly object _queueLock = new();
    private readonly Action _onBatchReady;
    private int _capacity;
    private int _batchSize;
    private long _buffered;
    private long _sealedPoints;
    private long _droppedBufferFull;

    public PointBuffer(int capacity, int batchSize, Action onBatchReady)
    {
        var shards = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, Environment.ProcessorCount * 2));
        _shardLocks = new object[shards];
        _current = new PointChunk[shards];
        for (var i = 0; i < shards; i++)
        {
            _shardLocks[i] = new object();
            _current[i] = new PointChunk();
        }
        _capacity = capacity;
        _batchSize = batchSize;
        _onBatchReady = onBatchReady;
    }

    public int Capacity => Volatile.Read(ref _capacity);

    // Chunks are kept for reuse up to what a full buffer needs, like a preallocated ring grown on demand: recording
    // at full speed then allocates nothing, and memory never exceeds what BufferCapacity already allows.
    private int MaxPooledChunks => (Volatile.Read(ref _capacity) / PointChunk.PointCapacity) + _shardLocks.Length;

    /// <summary>Points waiting, not counting a batch the flusher holds.</summary>
    public long Count => Interlocked.Read(ref _buffered);

    public long DroppedBufferFull => Interlocked.Read(ref _droppedBufferFull);

    public void Resize(int capacity, int batchSize)
    {
        Volatile.Write(ref _capacity, capacity);
        Volatile.Write(ref _batchSize, batchSize);
        lock (_queueLock)
        {
            TrimSealed();
        }
    }

    /// <summary>Appends one encoded line; returns false if it is larger than a chunk (the caller counts it invalid).</summary>
    public bool Append(ReadOnlySpan<byte> line)
    {
        if (line.Length > PointChunk.ByteCapacity)
        {
            return false;
        }
        var shard = Environment.CurrentManagedThreadId & (_shardLocks.Length - 1);
        lock (_shardLocks[shard])
        {
            var chunk = _current[shard];
            if (!chunk.Fits(line.Length, Volatile.Read(ref _batchSize)))
            {
                chunk = Seal(shard);
            }
            chunk.Append(line);
            if (Interlocked.Increment(ref _buffered) > Volatile.Read(ref _capacity))
            {
                DropOldest(chunk);
            }
            if (!chunk.Fits(0, Volatile.Read(ref _batchSize)))
            {
                // Sealed as soon as it is full, not on the next point, so a full batch is sent without waiting for one.
                Seal(shard);
            }
        }
        return true;
    }

    /// <summary>Moves every partly filled chunk to the queue, so the flusher sees points however few there are.</summary>
    public void SealAll()
    {
        for (var shard = 0; shard < _shardLocks.Length; shard++)
        {
            lock (_shardLocks[shard])
            {
                if (_current[shard].Live > 0)
                {
                    Seal(shard);
                }
            }
        }
    }

    /// <summary>Takes the oldest queued chunks, at most <paramref name="maxPoints"/> points unless one chunk alone holds more.</summary>
    public int TakeBatch(int maxPoints, List<PointChunk> into)
    {
        var taken = 0;
        lock (_queueLock)
        {
            while (_sealed.First is { } node && (taken == 0 || taken + node.Value.Live <= maxPoints))
            {
                _sealed.RemoveFirst();
                taken += node.Value.Live;
                into.Add(node.Value);
            }
            _sealedPoints -= taken;
        }
        Interlocked.Add(ref _buffered, -taken);
        return taken;
    }

    /// <summary>Puts a batch that could not be sent back in front (it is the oldest), dropping oldest points beyond capacity.</summary>
    public void GiveBack(List<PointChunk> chunks)
    {
        lock (_queueLock)
        {
            for (var i = chunks.Count - 1; i >= 0; i--)
            {
                _sealed.AddFirst(chunks[i]);
                _sealedPoints += chunks[i].Live;
                Interlocked.Add(ref _buffered, chunks[i].Live);
            }
            TrimSealed();
        }
    }

    /// <summary>Recycles chunks whose points were written or rejected.</summary>
    public void Release(List<PointChunk> chunks)
    {
        lock (_queueLock)
        {
            foreach (var chunk in chunks)
            {
                chunk.Reset();
                if (_pool.Count < MaxPooledChunks)
                {
                    _pool.Push(chunk);
                }
            }
        }
    }

    private PointChunk Seal(int shard)
    {
        bool ready;
        lock (_queueLock)
        {
            var full = _current[shard];
            _sealed.AddLast(full);
            _sealedPoints += full.Live;
            ready = _sealedPoints >= Volatile.Read(ref _batchSize);
            _current[shard] = _pool.Count > 0 ? _pool.Pop() : new PointChunk();
        }
        if (ready)
        {
            _onBatchReady();
        }
        return _current[shard];
    }
}
