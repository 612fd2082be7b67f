using System.Globalization;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Monitoring.TestUtilities;

/// <summary>
/// A real redis-server on a free loopback port with a generated config (no persistence, optional requirepass);
/// stoppable, killable and restartable on the same port. Free of xunit: benchmarks can use it too.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly TestDirectory _directory;
    private readonly IReadOnlyList<string> _extraConfig;
    private ChildProcess? _process;

    /// <param name="password">requirepass; none when null.</param>
    /// <param name="name">Name of the state folder.</param>
    /// <param name="extraConfig">More redis.conf lines (a TLS port, …); the plain port stays for the readiness probe.</param>
    public RedisServer(string? password = null, string name = "redis", IReadOnlyList<string>? extraConfig = null)
    {
        _directory = new TestDirectory(name);
        _extraConfig = extraConfig ?? [];
        Password = password;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public string? Password { get; }

    /// <summary>What the host injects as <c>ConnectionStrings:redis</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}") + (Password is null ? "" : $",password={Password}");

    public string RecentOutput => _process?.RecentOutput ?? "";

    /// <summary>StackExchange.Redis settings for this server; not aborting while it is down, so a test can connect first.</summary>
    public ConfigurationOptions Configuration()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>A StackExchange.Redis connection to this server (the caller disposes it).</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Configuration());

    public async Task StartAsync()
    {
        var config = Path.Combine(_directory.Path, "redis.conf");
        await File.WriteAllTextAsync(config, Config());
        _process = await ChildProcess.StartAsync("redis-server", Executable, [config], _directory.Path);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"redis-server exited:\n{_process.RecentOutput}");
                }
                return await AnswersAsync();
            }, TimeSpan.FromSeconds(20), $"redis-server to answer on port {Port}");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Stops the server gracefully (SIGTERM).</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would; <see cref="StartAsync"/> brings it back on the same port.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    /// <summary>A raw PING independent of the client under test: PONG, or NOAUTH when a password is required, means up.</summary>
    private async Task<bool> AnswersAsync()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync("127.0.0.1", Port, timeout.Token);
            await socket.SendAsync("PING\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Config()
    {
        var lines = new List<string>
        {
            "bind 127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"port {Port}"),
            $"dir \"{_directory.Sub("data")}\"",
            "save \"\"",
            "appendonly no",
            "daemonize no",
            "logfile \"\"",
            "loglevel warning",
        };
        if (Password is not null)
        {
            lines.Add($"requirepass \"{Password}\"");
        }
        lines.AddRange(_extraConfig);
        return string.Join('\n', lines) + "\n";
    }
}
