using Monitoring.Lib.Redis;
using Monitoring.Lib.Redis.Internal;
using Monitoring.Lib.Tests.Fixtures;
using static Monitoring.Lib.Tests.Redis.RedisSubscriberTests;

namespace Monitoring.Lib.Tests.Redis;

public sealed class RedisSubscriberSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 0.0, 50)]
    [InlineData(1, 0.999999, 100)]
    [InlineData(3, 0.0, 200)]
    [InlineData(8, 0.0, 5_000)]
    [InlineData(1_000, 0.0, 5_000)]
    public void Delay_Attempt_ExponentialCappedWithJitter(int attempt, double random, int expectedMs)
    {
        var delay = ReconnectBackoff.Delay(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), random);

        Assert.Equal(expectedMs, Math.Round(delay.TotalMilliseconds));
    }

    [Theory]
    [InlineData("ServiceName", "Monitoring:Redis:ServiceName must not be empty.")]
    [InlineData("ReconnectMinDelay", "Monitoring:Redis:ReconnectMinDelay must be positive, not 00:00:00.")]
    [InlineData("ReconnectMaxDelay", "Monitoring:Redis:ReconnectMaxDelay (00:00:00.0010000) must not be less than ReconnectMinDelay (00:00:00.1000000).")]
    [InlineData("LogEveryNthFailure", "Monitoring:Redis:LogEveryNthFailure must be at least 1, not 0.")]
    public void Validate_BadSetting_MessageNamesKeyAndValue(string setting, string expected)
    {
        var options = new RedisSubscriberOptions();
        _ = setting switch
        {
            "ServiceName" => options.ServiceName = " ",
            "ReconnectMinDelay" => (options.ReconnectMinDelay = TimeSpan.Zero).ToString(),
            "ReconnectMaxDelay" => (options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1)).ToString(),
            _ => (options.LogEveryNthFailure = 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(expected, Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public async Task SubscribeAsync_ServerNotStartedYet_ClearTimeoutThenReceivesOnceItStarts()
    {
        await using var redis = new RedisServer();
        var recorder = new RecordingPointRecorder();
        // A refused connect fails at once; connectTimeout only has to outlast a busy test machine (at 200 ms a stalled
        // thread pool on CI let the timer win, and the first error read "timeout").
        var connection = RedisConnectionOptions.Parse($"127.0.0.1:{redis.Port},connectTimeout=1000,syncTimeout=200");
        var options = new RedisSubscriberOptions { ReconnectMaxDelay = TimeSpan.FromMilliseconds(200) };
        await using var subscriber = new RedisSubscriber(connection, options, recorder);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => subscriber.SubscribeAsync("late:1", Ct));
        await redis.StartAsync();
        await using var client = new RedisClient(redis.Options());
        await WaitForAsync(async () => await client.PublishAsync("late:1", "now", Ct) == 1);

        Assert.StartsWith($"Redis at 127.0.0.1:{redis.Port} has not confirmed SUBSCRIBE late:1 within 1200 ms (state ", error.Message, StringComparison.Ordinal);
        Assert.Equal("now", (await subscriber.Messages.ReadAsync(Ct)).PayloadText);
        Assert.Equal(RedisErrorCodes.ConnectionRefused, recorder.Errors.First().ErrorCode);
    }

    [Fact]
    public async Task Handler_SetAfterFirstSubscribe_Refused()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        await using var subscriber = new RedisSubscriber(redis.Options());
        await subscriber.SubscribeAsync("h:1", Ct);

        var error = Assert.Throws<InvalidOperationException>(() => subscriber.Handler = (_, _) => ValueTask.CompletedTask);

        Assert.Equal("Set Handler and RequestIdExtractor before the first subscribe.", error.Message);
    }
}
