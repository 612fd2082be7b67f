using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Monitoring.Hosting.Orchestration;

/// <summary>The current snapshot of every resource, and a stream of changes (what a dashboard shows).</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ResourceSnapshot> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];

    /// <summary>Every resource's latest snapshot, in model order.</summary>
    public IReadOnlyList<ResourceSnapshot> GetAll()
    {
        lock (_lock)
        {
            return [.. _order.Select(n => _current[n])];
        }
    }

    /// <summary>The latest snapshot of <paramref name="name"/>, or null before the application starts.</summary>
    public ResourceSnapshot? TryGet(string name)
    {
        lock (_lock)
        {
            return _current.GetValueOrDefault(name);
        }
    }

    /// <summary>Yields every current snapshot, then each change until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var name in _order)
            {
                channel.Writer.TryWrite(_current[name]);
            }
            _watchers.Add(channel);
        }
        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return snapshot;
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

    /// <summary>Waits until resource <paramref name="name"/>'s snapshot satisfies <paramref name="predicate"/>; returns that snapshot.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        await foreach (var snapshot in WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(snapshot.Name, name, StringComparison.OrdinalIgnoreCase) && predicate(snapshot))
            {
                return snapshot;
            }
        }
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Waits until resource <paramref name="name"/> reaches <paramref name="state"/>.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, ReplicaState state, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.State == state, cancellationToken);

    internal void Publish(ResourceSnapshot snapshot)
    {
        lock (_lock)
        {
            if (!_current.ContainsKey(snapshot.Name))
            {
                _order.Add(snapshot.Name);
            }
            _current[snapshot.Name] = snapshot;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }
        }
    }
}
