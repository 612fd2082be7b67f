namespace Monitoring.Lib.Influx.Internal;

/// <summary>The delay before each retry: exponential, capped, jittered, and overridden by a server's Retry-After.</summary>
internal static class RetrySchedule
{
    /// <param name="failedAttempts">How many attempts have failed so far (1 before the first retry).</param>
    /// <param name="retryAfter">The server's Retry-After as a delay, if it sent one.</param>
    /// <param name="options">The retry settings.</param>
    /// <param name="random">A uniform random number in [0, 1) that places the delay inside the jitter range.</param>
    public static TimeSpan NextDelay(int failedAttempts, TimeSpan? retryAfter, InfluxRetryOptions options, double random)
    {
        if (retryAfter is { } serverDelay)
        {
            // The server knows its own load better than any schedule; waiting less would only be refused again.
            return serverDelay < TimeSpan.Zero ? TimeSpan.Zero : serverDelay;
        }
        var exponent = Math.Min(failedAttempts - 1, 30);
        var baseTicks = Math.Min(options.MaxDelay.Ticks, options.InitialDelay.Ticks * Math.Pow(2, exponent));
        var factor = 1 + (options.Jitter * ((2 * random) - 1));
        return TimeSpan.FromTicks((long)Math.Min(options.MaxDelay.Ticks, baseTicks * factor));
    }

    /// <summary>Reads Retry-After as a delay from <paramref name="now"/>: either delta seconds or an HTTP date.</summary>
    public static TimeSpan? FromRetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now) =>
        header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
}
