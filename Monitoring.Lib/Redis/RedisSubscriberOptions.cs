namespace Monitoring.Lib.Redis;

/// <summary>Settings of <see cref="RedisSubscriber"/>, bound from section <see cref="SectionName"/>.</summary>
public sealed class RedisSubscriberOptions
{
    /// <summary>The configuration section, <c>Monitoring:Redis</c>.</summary>
    public const string SectionName = "Monitoring:Redis";

    /// <summary>
    /// The <c>service</c> tag of recorded points. Default when registered through <c>AddRedisClient()</c>: the tag of the
    /// other points (<c>Monitoring:ServiceName</c>, else <c>Monitoring:Metrics:AppName</c>/<c>APP_NAME</c>, else the
    /// application name); otherwise <c>redis-subscriber</c>.
    /// </summary>
    public string ServiceName { get; set; } = "redis-subscriber";

    /// <summary>The first reconnect delay; each failed attempt doubles it up to <see cref="ReconnectMaxDelay"/>, with jitter. Default 100 ms.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest reconnect delay. Default 10 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Capacity of <see cref="RedisSubscriber.Messages"/> when no handler is set. When full, reading from Redis waits
    /// (Redis then buffers, and disconnects a subscriber that falls too far behind; the subscriber reconnects). Default 10,000.
    /// </summary>
    public int MessageBufferCapacity { get; set; } = 10_000;

    /// <summary>While one outage lasts, every this many failed attempts is logged as a warning (the others at debug). Default 20.</summary>
    public int LogEveryNthFailure { get; set; } = 20;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            throw new ArgumentException($"{SectionName}:{nameof(ServiceName)} must not be empty.");
        }
        if (ReconnectMinDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{nameof(ReconnectMinDelay)} must be positive, not {ReconnectMinDelay}.");
        }
        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            throw new ArgumentException($"{SectionName}:{nameof(ReconnectMaxDelay)} ({ReconnectMaxDelay}) must not be less than {nameof(ReconnectMinDelay)} ({ReconnectMinDelay}).");
        }
        if (MessageBufferCapacity < 1)
        {
            throw new ArgumentException($"{SectionName}:{nameof(MessageBufferCapacity)} must be at least 1, not {MessageBufferCapacity}.");
        }
        if (LogEveryNthFailure < 1)
        {
            throw new ArgumentException($"{SectionName}:{nameof(LogEveryNthFailure)} must be at least 1, not {LogEveryNthFailure}.");
        }
    }
}
