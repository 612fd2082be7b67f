using System.Globalization;
using MonitoringStack.SampleWebProducer.Contracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer;

// Events published while this replica's subscription connection was down: read back from the accounts' AccountEventLog
// streams once it is restored, so a client does not miss an event because Redis restarted.
public sealed partial class AccountEvents
{
    // Read twice: when the connection is back, and again after the re-subscription has surely gone through, because an
    // event published between the two reaches neither the first read nor the subscription.
    private static readonly TimeSpan[] ReplayDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(2)];

    // The log is read from a little before the connection was lost: clocks of Redis and this replica differ slightly.
    private static readonly TimeSpan ReplayMargin = TimeSpan.FromSeconds(2);

    private long _subscriptionLostAtMs;

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // The first failure of an outage counts; a later one must not move the start forward.
            Interlocked.CompareExchange(ref _subscriptionLostAtMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        var lostAt = e.ConnectionType == ConnectionType.Subscription ? Interlocked.Exchange(ref _subscriptionLostAtMs, 0) : 0;
        if (lostAt > 0)
        {
            // Off the client library's event thread.
            _replays.Add(Task.Run(() => ReplayAsync(lostAt - (long)ReplayMargin.TotalMilliseconds)));
        }
    }

    private async Task ReplayAsync(long fromMs)
    {
        foreach (var delay in ReplayDelays)
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            foreach (var (accountId, account) in _accounts)
            {
                try
                {
                    var entries = await redis.GetDatabase().StreamRangeAsync(
                        options.EventChannelPrefix + accountId + AccountEventLog.KeySuffix, string.Create(CultureInfo.InvariantCulture, $"{fromMs}-0"), "+");
                    var replayed = entries.Count(entry => Deliver(account, AccountEvent.Parse((byte[])entry[AccountEventLog.Field]!), fromLog: true));
                    if (replayed > 0)
                    {
                        _replayed.Add(replayed);
                        LogReplayed(logger, replayed, accountId);
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Redis went away again (or is too slow): the next restore replays from the new outage's start.
                    LogReplayFailed(logger, ex, accountId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Replayed} events of account {AccountId} that were published while the Redis subscription was down")]
    private static partial void LogReplayed(ILogger logger, int replayed, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read back the events of account {AccountId} published while the Redis subscription was down")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string accountId);
}
