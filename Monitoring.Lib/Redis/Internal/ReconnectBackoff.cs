namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// Exponential backoff with jitter: attempt n waits min·2^(n-1), capped at max, times a random factor in [0.5, 1) so
/// many subscribers cut off by the same restart do not all reconnect in the same instant.
/// </summary>
internal static class ReconnectBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, double random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ticks = Math.Min(max.Ticks, min.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ticks * (0.5 + (random / 2))));
    }
}
