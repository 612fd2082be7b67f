namespace MonitoringStack.SampleWebProducer;

/// <summary>Section <c>Forms</c> of the web producer.</summary>
public sealed class FormsProducerOptions
{
    /// <summary>The configuration section, <c>Forms</c>.</summary>
    public const string SectionName = "Forms";

    /// <summary>The header that carries the API key, <c>X-Api-Key</c>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The key a client sends in <see cref="ApiKeyHeader"/> to post forms (<c>Forms__ApiKey</c>). Required, at least 16 characters.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The topic forms are produced to. Default: <c>forms</c>.</summary>
    public string Topic { get; set; } = "forms";

    /// <summary>The largest accepted body, in bytes; larger ones get 413. Default: 65536 (64 KiB), between 256 and 16 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The Redis channel of an account's events is this prefix plus the account id. Default: <c>events:</c>.</summary>
    public string EventChannelPrefix { get; set; } = "events:";

    /// <summary>
    /// Events queued for one slow WebSocket client before the oldest are dropped (counted in <c>ws_events_dropped</c>).
    /// Default: 256, between 1 and 100000.
    /// </summary>
    public int ClientBufferCapacity { get; set; } = 256;

    /// <summary>
    /// How long <c>POST /forms</c> waits for Kafka to acknowledge a form before it answers 503 with <c>Retry-After</c>.
    /// Default: 5 s, between 100 ms and 5 minutes.
    /// </summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a token from <c>POST /ws/tokens</c> can open a WebSocket (an open socket is not closed when it expires).
    /// Default: 1 minute, between 1 s and 1 hour.
    /// </summary>
    public TimeSpan SocketTokenLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the answer to a form posted with an <c>Idempotency-Key</c> is kept, so that a repeat with that key gets
    /// it again instead of producing the form twice. Default: 24 hours, between 1 minute and 30 days.
    /// </summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest wait for one Redis call of the idempotency check; past it the form is produced unchecked
    /// (at-least-once). Default: 500 ms, between 10 ms and 10 s.
    /// </summary>
    public TimeSpan IdempotencyStoreTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first bad key and its value (never the API key's value).</summary>
    public void Validate()
    {
        if (ApiKey.Length < 16)
        {
            throw new InvalidOperationException(
                $"{SectionName}:ApiKey must be set and at least 16 characters (environment variable Forms__ApiKey); got {ApiKey.Length} characters.");
        }
        Require(Topic, nameof(Topic));
        Require(EventChannelPrefix, nameof(EventChannelPrefix));
        if (MaxBodyBytes is < 256 or > 16 * 1024 * 1024)
        {
            throw new InvalidOperationException($"{SectionName}:MaxBodyBytes must be between 256 and 16777216; got {MaxBodyBytes}.");
        }
        if (ProduceTimeout < TimeSpan.FromMilliseconds(100) || ProduceTimeout > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"{SectionName}:ProduceTimeout must be between 00:00:00.1 and 00:05:00; got {ProduceTimeout}.");
        }
        if (SocketTokenLifetime < TimeSpan.FromSeconds(1) || SocketTokenLifetime > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"{SectionName}:SocketTokenLifetime must be between 00:00:01 and 01:00:00; got {SocketTokenLifetime}.");
        }
        if (IdempotencyWindow < TimeSpan.FromMinutes(1) || IdempotencyWindow > TimeSpan.FromDays(30))
        {
            throw new InvalidOperationException($"{SectionName}:IdempotencyWindow must be between 00:01:00 and 30.00:00:00; got {IdempotencyWindow}.");
        }
        if (IdempotencyStoreTimeout < TimeSpan.FromMilliseconds(10) || IdempotencyStoreTimeout > TimeSpan.FromSeconds(10))
        {
            throw new InvalidOperationException($"{SectionName}:IdempotencyStoreTimeout must be between 00:00:00.01 and 00:00:10; got {IdempotencyStoreTimeout}.");
        }
        if (ClientBufferCapacity is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"{SectionName}:ClientBufferCapacity must be between 1 and 100000; got {ClientBufferCapacity}.");
        }
    }

    private static void Require(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{SectionName}:{key} must not be empty; got '{value}'.");
        }
    }
}
