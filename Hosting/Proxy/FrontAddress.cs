using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitoring.Hosting.Proxy;

/// <summary>
/// The single address of a replicated resource, like a Kubernetes ClusterIP service: a loopback TCP proxy that gives
/// each new connection to the next live replica in turn and, when connecting fails, tries the following one before
/// giving up. (Aspire's proxy picks a replica at random and ignores health: dotnet/aspire#6640.)
/// For fault tests, <see cref="Cut"/> drops every open connection and refuses new ones until <see cref="Restore"/>.
/// </summary>
public sealed partial class FrontAddress : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<FrontTarget>> _targets;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Relay> _open = [];
    private Task _accepting = Task.CompletedTask;
    private int _next = -1;
    private volatile bool _cut;

    /// <summary>Creates a front address; <see cref="Start"/> opens it.</summary>
    /// <param name="name">What it fronts, for messages (e.g. "metrics-cache/http").</param>
    /// <param name="port">The loopback port to listen on (0 picks a free one).</param>
    /// <param name="targets">The replicas, read at each new connection so stopped ones are skipped at once.</param>
    public FrontAddress(string name, int port, Func<IReadOnlyList<FrontTarget>> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Name = name;
        _targets = targets;
        _listener = new TcpListener(IPAddress.Loopback, port);
    }

    /// <summary>What it fronts.</summary>
    public string Name { get; }

    /// <summary>The port it listens on (valid after <see cref="Start"/>).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Its address as an http URL.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>True between <see cref="Cut"/> and <see cref="Restore"/>.</summary>
    public bool IsCut => _cut;

    /// <summary>Connections taken so far, in total.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Opens the listener and starts accepting.</summary>
    public void Start()
    {
        _listener.Start(backlog: 512);
        _accepting = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>Closes every open connection and refuses new ones (they are accepted and closed at once) until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        Relay[] open;
        lock (_lock)
        {
            open = [.. _open];
        }
        foreach (var relay in open)
        {
            relay.Close();
        }
    }

    /// <summary>Lets connections through again after <see cref="Cut"/>.</summary>
    public void Restore() => _cut = false;

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Cut();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} front address {Url}";
}
