using System.Net.Sockets;
using System.Text;
using Monitoring.Lib.Tests.Fixtures;

namespace Monitoring.ServiceDefaults.Tests.Fixtures;

/// <summary>A real redis-server on a free loopback port, no persistence, optionally with a password; stoppable.</summary>
internal sealed class RedisServer(string? password = null) : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly TestDirectory _directory = new("redis");
    private ChildProcess? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>The connection string in the AppHost's form: <c>127.0.0.1:PORT[,password=…]</c>.</summary>
    public string ConnectionString => password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={password}";

    public async Task StartAsync()
    {
        List<string> arguments = ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory.Path];
        if (password is not null)
        {
            arguments.AddRange(["--requirepass", password]);
        }
        _process = await ChildProcess.StartAsync("redis-server", Executable, arguments, _directory.Path);
        await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited:\n{_process.RecentOutput}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", Port);
            }
            catch (SocketException)
            {
                return false;
            }
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("*1\r\n$4\r\nPING\r\n"));
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            // Without AUTH a password-protected server answers -NOAUTH: it is up either way.
            return read > 0;
        }, TimeSpan.FromSeconds(20), $"redis-server to answer on port {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }
}
