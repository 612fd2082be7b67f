using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// The intake records in Redis, one per <c>Idempotency-Key</c> under <c>forms:idempotency:{key}</c>, shared by every
/// replica of the producer. A claim is <c>SET NX</c> with a lease of <c>Forms:ProduceTimeout</c> plus 10 s, so the
/// claim of a replica that died frees itself; only its owner (the claim compared in a script) renews the lease, replaces the
/// claim with the answer, kept for <c>Forms:IdempotencyWindow</c>, or deletes it. Every call waits at most
/// <c>Forms:IdempotencyStoreTimeout</c>: a slow Redis must not hold up intake.
/// </summary>
internal sealed class IdempotencyStore(IConnectionMultiplexer redis, FormsProducerOptions options)
{
    /// <summary>The prefix of the records' Redis keys, <c>forms:idempotency:</c>.</summary>
    public const string KeyPrefix = "forms:idempotency:";

    // Lua, not Redis 8's SET IFEQ: the servers this template runs on (7.0) have no compare-and-set of their own.
    private const string ReplaceIfOwned =
        "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1";
    private const string ExtendIfOwned =
        "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1";
    private const string DeleteIfOwned =
        "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end redis.call('DEL', KEYS[1]) return 1";

    /// <summary>False while the client has no connection to Redis: checking it costs nothing, a call would wait.</summary>
    public bool IsConnected => redis.IsConnected;

    /// <summary>
    /// How long a claim lives unless its owner renews it (every <c>Forms:ProduceTimeout</c> while Kafka holds the form):
    /// 10 s more than that, so that a renewal delayed by a busy machine still comes in time.
    /// </summary>
    public TimeSpan Lease => options.ProduceTimeout + TimeSpan.FromSeconds(10);

    /// <summary>What the store's calls throw when Redis is away, slow, or holds something else under the key.</summary>
    public static bool IsStoreFailure(Exception exception) => exception is RedisException or TimeoutException or JsonException;

    /// <summary>
    /// Claims <paramref name="key"/> with <paramref name="claim"/> (true), or reads the record already there (false;
    /// null when it was deleted between the two calls).
    /// </summary>
    public async Task<(bool Claimed, IntakeRecord? Existing)> TryClaimAsync(string key, string claim, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (await Bounded(database.StringSetAsync(KeyPrefix + key, claim, Lease, When.NotExists), cancellationToken))
        {
            return (true, null);
        }
        var existing = await Bounded(database.StringGetAsync(KeyPrefix + key), cancellationToken);
        return (false, existing.IsNull ? null : IntakeRecord.Parse(existing.ToString()));
    }

    /// <summary>Replaces the claim with the answered record for the window; false when the claim was no longer there.</summary>
    public Task<bool> AnswerAsync(string key, string claim, string answered) =>
        IfOwnedAsync(ReplaceIfOwned, key, claim, answered, Milliseconds(options.IdempotencyWindow));

    /// <summary>Gives the claim a new lease; false when it was no longer there.</summary>
    public Task<bool> ExtendAsync(string key, string claim) => IfOwnedAsync(ExtendIfOwned, key, claim, Milliseconds(Lease));

    /// <summary>Deletes the claim, so that a repeat produces the form; false when it was no longer there.</summary>
    public Task<bool> ReleaseAsync(string key, string claim) => IfOwnedAsync(DeleteIfOwned, key, claim);

    private async Task<bool> IfOwnedAsync(string script, string key, params RedisValue[] values)
    {
        var result = await Bounded(redis.GetDatabase().ScriptEvaluateAsync(script, [KeyPrefix + key], values), CancellationToken.None);
        return (int)result == 1;
    }

    private Task<T> Bounded<T>(Task<T> call, CancellationToken cancellationToken) =>
        call.WaitAsync(options.IdempotencyStoreTimeout, cancellationToken);

    private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
