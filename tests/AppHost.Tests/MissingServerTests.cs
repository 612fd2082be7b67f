using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.Internal;

namespace Monitoring.AppHost.Tests;

/// <summary>A server whose binary is not installed: the resource fails to start, and its log says what to install.</summary>
public sealed class MissingServerTests
{
    [Fact]
    public async Task Start_BinaryNotInstalled_FailedToStartAndItsLogNamesTheDebianPackage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // A model of its own; the AppHost's assembly only tells Aspire where DCP is.
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [],
            AssemblyName = typeof(AppModel).Assembly.GetName().Name,
            DisableDashboard = true,
        });
        var ghost = builder.AddResource(new ExecutableResource("ghost", ServerExecutable.Resolve("ghost-server-not-installed"), Path.GetTempPath()))
            .ReportMissing("ghost-server-not-installed", "ghost-package").Resource;
        await using var app = builder.Build();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var lines = new List<string>();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var watching = Task.Run(async () =>
        {
            await foreach (var batch in logs.WatchAsync(ghost).WithCancellation(stopWatching.Token))
            {
                lock (lines)
                {
                    lines.AddRange(batch.Select(line => line.Content));
                }
            }
        }, CancellationToken.None);

        await app.StartAsync(timeout.Token);
        var failed = await app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceAsync("ghost",
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        await Eventually.TrueAsync(() => { lock (lines) { return Task.FromResult(lines.Any(l => l.Contains("Failed to start", StringComparison.Ordinal))); } },
            TimeSpan.FromSeconds(30), "the Failed to start line in ghost's log");

        Assert.Equal(KnownResourceStates.FailedToStart, failed.Snapshot.State?.Text);
        lock (lines)
        {
            Assert.Contains(lines, line => line.Contains("Failed to start ghost: 'ghost-server-not-installed' is not installed. Install the Debian package ghost-package " +
                "(eng/install-prerequisites.sh installs every package the template needs).", StringComparison.Ordinal));
        }
        await stopWatching.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }
}
