using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Monitoring.Lib.Redis.Internal;

/// <summary>
/// The subscriber's health: a PING on the connection its subscriptions use (the dedicated pub/sub connection with RESP2),
/// so it fails when events cannot arrive even if commands still could. Reports the registration's failure status
/// (<see cref="RedisSubscriberOptions.HealthCheckFailureStatus"/>).
/// </summary>
internal sealed class RedisSubscriberHealthCheck(IConnectionMultiplexer connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await connection.GetSubscriber().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The subscription connection answered PING in {roundTrip.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The subscription connection did not answer PING: {ex.Message}", ex);
        }
    }
}
