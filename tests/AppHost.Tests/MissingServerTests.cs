namespace MonitoringStack.AppHost.Tests;

/// <summary>A server whose binary is not installed (added to the collection's model): it fails to start, and its log says what to install.</summary>
[Collection(AppHostGroup.Name)]
public sealed class MissingServerTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Start_BinaryNotInstalled_FailedToStartAndItsLogNamesTheDebianPackage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ghost = fixture.Resource<ExecutableResource>(AppHostFixture.MissingServer);

        var failed = await fixture.Notifications.WaitForResourceAsync(ghost.Name,
            e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        var log = await Eventually.ReturnsAsync(async () =>
            {
                var lines = new List<string>();
                await foreach (var batch in fixture.Logs.GetAllAsync(ghost).WithCancellation(timeout.Token))
                {
                    lines.AddRange(batch.Select(line => line.Content));
                }
                return lines;
            }, lines => lines.Any(l => l.Contains("Failed to start", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the Failed to start line in ghost's log");

        Assert.Equal(KnownResourceStates.FailedToStart, failed.Snapshot.State?.Text);
        Assert.Contains(log, line => line.Contains(
            $"Failed to start ghost: '{AppHostFixture.MissingBinary}' is not installed. Install the Debian package {AppHostFixture.MissingPackage} " +
            "(eng/install-prerequisites.sh installs every package the template needs).", StringComparison.Ordinal));
    }
}
