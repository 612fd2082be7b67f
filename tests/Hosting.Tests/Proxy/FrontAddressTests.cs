using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitoring.Hosting.Proxy;

namespace Monitoring.Hosting.Tests.Proxy;

public sealed class FrontAddressTests : IAsyncLifetime
{
    private readonly List<IdServer> _servers = [];

    public async ValueTask InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            _servers.Add(IdServer.Start($"replica-{i}"));
        }
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Connect_ThreeLiveReplicas_RoundRobinInTurn()
    {
        await using var front = Open(_servers.Select(s => new FrontTarget(s.Port, true)).ToArray());

        var seen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            seen.Add(await ReadIdAsync(front.Port));
        }

        Assert.Equal(["replica-0", "replica-1", "replica-2", "replica-0", "replica-1", "replica-2"], seen);
    }

    [Fact]
    public async Task Connect_ReplicaNotLive_SkippedAndOthersShareTheLoad()
    {
        await using var front = Open([new(_servers[0].Port, true), new(_servers[1].Port, false), new(_servers[2].Port, true)]);

        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(await ReadIdAsync(front.Port));
        }

        Assert.DoesNotContain("replica-1", seen);
        Assert.Equal(2, seen.Count(s => s == "replica-0"));
        Assert.Equal(2, seen.Count(s => s == "replica-2"));
    }

    [Fact]
    public async Task Connect_LiveReplicaRefuses_FailsOverToTheNext()
    {
        var dead = _servers[1];
        await dead.DisposeAsync();
        await using var front = Open(_servers.Select(s => new FrontTarget(s.Port, true)).ToArray());

        var seen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            seen.Add(await ReadIdAsync(front.Port));
        }

        Assert.DoesNotContain("replica-1", seen);
        Assert.Equal(6, seen.Count(s => s is "replica-0" or "replica-2"));
    }

    [Fact]
    public async Task Cut_OpenAndNewConnections_ClosedUntilRestored()
    {
        await using var front = Open([new(_servers[0].Port, true)]);
        using var open = new TcpClient();
        await open.ConnectAsync(IPAddress.Loopback, front.Port, TestContext.Current.CancellationToken);
        var stream = open.GetStream();
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);

        front.Cut();
        var afterCut = await ReadToEndAsync(stream);
        var refused = await ReadIdAsync(front.Port);
        front.Restore();
        var restored = await ReadIdAsync(front.Port);

        Assert.Equal("replica-0\n", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(0, afterCut);
        Assert.Equal("", refused);
        Assert.Equal("replica-0", restored);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private static FrontAddress Open(FrontTarget[] targets)
    {
        var front = new FrontAddress("test", 0, () => targets);
        front.Start();
        return front;
    }

    private static async Task<string> ReadIdAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var reader = new StreamReader(client.GetStream());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }

    private static async Task<int> ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            return await stream.ReadAsync(new byte[64], timeout.Token);
        }
        catch (IOException)
        {
            return 0;  // reset rather than closed: cut all the same
        }
    }
}
