using System.Globalization;
using Monitoring.Lib.Metrics;
using MonitoringStack.SampleContracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// Events published while this replica's Redis subscription connection was down: once it is restored, read back from
/// each subscribed account's <see cref="AccountEventLog"/> stream and handed to its sockets (those already sent are
/// skipped by <see cref="AccountSockets.Deliver"/>), counted in <c>ws_events_replayed</c>. Pub/sub keeps nothing, so
/// without this a client would miss every event of a Redis restart.
/// </summary>
internal sealed partial class SubscriptionReplay(
    IConnectionMultiplexer redis, FormsProducerOptions options, Func<IEnumerable<AccountSubscription>> subscriptions,
    CounterSeries replayed, ILogger logger) : IDisposable
{
    // Read twice: when the connection is back, and again after the re-subscription has surely gone through, because an
    // event published between the two reaches neither the first read nor the subscription.
    private static readonly TimeSpan[] ReplayDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(2)];

    // The log is read from a little before the connection was lost: clocks of Redis and this replica differ slightly.
    private static readonly TimeSpan ReplayMargin = TimeSpan.FromSeconds(2);

    // Replays still running (finished ones are dropped whenever one is added): a few at most, however often Redis restarts.
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _lostAtMs;

    public void Start()
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
    }

    /// <summary>Stops listening and waits for the replays in progress, which give up their pauses.</summary>
    public async Task StopAsync()
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        await _stopping.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }
        foreach (var replay in running)
        {
            await replay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // The first failure of an outage counts; a later one must not move the start forward.
            Interlocked.CompareExchange(ref _lostAtMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        var lostAt = e.ConnectionType == ConnectionType.Subscription ? Interlocked.Exchange(ref _lostAtMs, 0) : 0;
        if (lostAt == 0)
        {
            return;
        }
        // Off the client library's event thread.
        var replay = Task.Run(() => ReplayAsync(lostAt - (long)ReplayMargin.TotalMilliseconds));
        lock (_running)
        {
            _running.RemoveAll(task => task.IsCompleted);
            _running.Add(replay);
        }
    }

    private async Task ReplayAsync(long fromMs)
    {
        foreach (var delay in ReplayDelays)
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            foreach (var subscription in subscriptions())
            {
                await ReplayAccountAsync(subscription, fromMs).ConfigureAwait(false);
            }
        }
    }

    private async Task ReplayAccountAsync(AccountSubscription subscription, long fromMs)
    {
        try
        {
            var entries = await redis.GetDatabase().StreamRangeAsync(
                options.EventChannelPrefix + subscription.AccountId + AccountEventLog.KeySuffix,
                string.Create(CultureInfo.InvariantCulture, $"{fromMs}-0"), "+").ConfigureAwait(false);
            var sent = entries.Count(entry => subscription.Sockets.Deliver(RelayedEvent.Parse((byte[])entry[AccountEventLog.Field]!), fromLog: true));
            if (sent > 0)
            {
                replayed.Add(sent);
                LogReplayed(logger, sent, subscription.AccountId);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis went away again (or is too slow): the next restore replays from the new outage's start.
            LogReplayFailed(logger, ex, subscription.AccountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Replayed} events of account {AccountId} that were published while the Redis subscription was down")]
    private static partial void LogReplayed(ILogger logger, int replayed, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read back the events of account {AccountId} published while the Redis subscription was down")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string accountId);
}
