namespace Monitoring.Lib.Influx;

/// <summary>
/// How a batch that failed with 429, 5xx or a network error is retried, section <c>Monitoring:Influx:Retry</c>.
/// Delay before retry n (1-based) is <c>min(MaxDelay, InitialDelay * 2^(n-1))</c>, scaled by a random factor in
/// <c>[1 - Jitter, 1 + Jitter]</c> and capped at <see cref="MaxDelay"/>; a server's <c>Retry-After</c> replaces it.
/// </summary>
public sealed class InfluxRetryOptions
{
    /// <summary>Attempts per flush before the batch goes back to the buffer for the next flush. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry. Default 200 ms.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between attempts (not applied to a server's Retry-After). Default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Random spread of each delay as a fraction, 0 to 1, so many services do not retry in step. Default 0.2.</summary>
    public double Jitter { get; set; } = 0.2;
}
