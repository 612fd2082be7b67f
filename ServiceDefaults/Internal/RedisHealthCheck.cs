using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.ServiceDefaults.Internal;

/// <summary>
/// Redis reachability without a Redis client: on a fresh connection to each endpoint, RESP <c>AUTH</c> (when a
/// password is configured) and <c>PING</c>, expecting <c>+OK</c> and <c>+PONG</c>. A fresh connection per probe keeps
/// the check honest: a kept connection could look alive after the server went away.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection connection, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = new List<string>();
        foreach (var endpoint in connection.Endpoints)
        {
            if (await ProbeAsync(endpoint, cancellationToken) is { } failure)
            {
                failures.Add($"{endpoint}: {failure}");
            }
        }
        return failures.Count == 0
            ? HealthCheckResult.Healthy($"PONG from {string.Join(", ", connection.Endpoints)}")
            : HealthCheckResult.Unhealthy(string.Join("; ", failures));
    }

    private async Task<string?> ProbeAsync(HostPort endpoint, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            Stream stream = client.GetStream();
            if (connection.Ssl)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, deadline.Token);
                stream = ssl;
            }
            await using (stream)
            {
                if (connection.Password is { } password)
                {
                    string[] auth = connection.User is { } user ? ["AUTH", user, password] : ["AUTH", password];
                    var authReply = await CommandAsync(stream, auth, deadline.Token);
                    if (authReply != "+OK")
                    {
                        return $"AUTH answered {authReply}";
                    }
                }
                var reply = await CommandAsync(stream, ["PING"], deadline.Token);
                return reply == "+PONG" ? null : $"PING answered {reply}";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return ex.Message;
        }
    }

    /// <summary>Sends one command as a RESP array of bulk strings and reads the first reply line.</summary>
    private static async Task<string> CommandAsync(Stream stream, string[] arguments, CancellationToken cancellationToken)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        return await ReadLineAsync(stream, cancellationToken);
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        const int MaxLine = 4096;
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < MaxLine)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("the server closed the connection");
            }
            if (one[0] == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.UTF8.GetString([.. line[..^1]]);
            }
            line.Add(one[0]);
        }
        throw new IOException($"no reply line within {MaxLine} bytes");
    }
}
