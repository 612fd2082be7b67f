using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Monitoring.Hosting.Orchestration;

/// <summary>A bounded ring of one replica's lines plus the channels of those watching it.</summary>
internal sealed class ReplicaLog(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<LogLine> _lines = new();
    private readonly List<Channel<LogLine>> _watchers = [];
    private long _sequence;

    public void Add(DateTimeOffset timestamp, bool isError, string text)
    {
        lock (_lock)
        {
            var line = new LogLine(++_sequence, timestamp, isError, text);
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(line);
            }
        }
    }

    public IReadOnlyList<LogLine> Snapshot()
    {
        lock (_lock)
        {
            return [.. _lines];
        }
    }

    public async IAsyncEnumerable<LogLine> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                channel.Writer.TryWrite(line);
            }
            _watchers.Add(channel);
        }
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }
}
