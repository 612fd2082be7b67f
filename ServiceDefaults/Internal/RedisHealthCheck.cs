using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Lib.Redis;

namespace Monitoring.ServiceDefaults.Internal;

/// <summary>
/// Redis reachability through Monitoring.Lib's client: a PING on the app's own <see cref="RedisClient"/> when it
/// registered one (the connection its commands use), else on a client opened for this probe and closed after it.
/// Either way a dead server fails the PING: a kept connection that the server closed is reopened, and refused.
/// </summary>
internal sealed class RedisHealthCheck(RedisClient? registered, RedisConnectionOptions connection, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var client = registered ?? new RedisClient(connection);
        try
        {
            var answer = await client.PingAsync(cancellationToken: deadline.Token);
            return HealthCheckResult.Healthy($"{answer} from {string.Join(',', client.Options.EndPoints)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{string.Join(',', client.Options.EndPoints)}: no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisServerException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
        finally
        {
            if (registered is null)
            {
                await client.DisposeAsync();
            }
        }
    }
}
