namespace MonitoringStack.SampleContracts;

/// <summary>
/// Beside each live PUBLISH on <c>events:{account}</c>, the consumer appends the same event to the Redis stream
/// <c>events:{account}:log</c>. Pub/sub keeps nothing: a web producer that was reconnecting
/// to Redis when an event was published never hears of it. On reconnecting it reads this log back from just before it
/// lost the connection and hands its clients the events they missed (those it already sent are skipped by request id).
/// </summary>
public static class AccountEventLog
{
    /// <summary>The stream key is the channel name plus this: <c>:log</c> (keys and channels are separate in Redis).</summary>
    public const string KeySuffix = ":log";

    /// <summary>The stream field that holds the event JSON: <c>event</c>.</summary>
    public const string Field = "event";

    /// <summary>Entries kept per account, approximately (<c>XADD MAXLEN ~</c>): 1000. Only a reconnect's gap is read back.</summary>
    public const int MaxLength = 1_000;

    /// <summary>An account's log expires this long after its last event, so quiet accounts leave nothing behind: 10 minutes.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(10);
}
