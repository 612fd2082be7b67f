using System.Collections.Concurrent;

namespace Monitoring.Hosting.Summary;

/// <summary>
/// When each resource first became ready (Aspire's <c>ResourceReadyEvent</c>: running and its health checks passed),
/// recorded as the event is published. The summary service starts only once Aspire's own start-up work is done, seconds
/// after the first servers were ready: its own observations would date them all to that moment.
/// </summary>
internal sealed class ResourceReadyTimes
{
    private readonly ConcurrentDictionary<string, DateTime> _readyAt = new(StringComparer.Ordinal);

    /// <summary>Records the first time <paramref name="resource"/> was ready; later events (after a restart) are ignored.</summary>
    public void Record(string resource, DateTime utcNow) => _readyAt.TryAdd(resource, utcNow);

    public bool TryGet(string resource, out DateTime readyAt) => _readyAt.TryGetValue(resource, out readyAt);
}
