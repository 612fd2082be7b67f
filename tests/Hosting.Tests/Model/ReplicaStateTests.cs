using Microsoft.Extensions.DependencyInjection;
using Monitoring.Hosting.ApplicationModel;
using Monitoring.Hosting.Orchestration;
using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Model;

public sealed class ReplicaStateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_ProcessExitsWithCode_StateExitedWithThatCode()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b => b.AddExecutable("quitter", "/bin/sh", null, "-c", "exit 3"));
        await app.StartAsync(TestContext.Current.CancellationToken);

        var snapshot = await WaitAsync(app, "quitter", s => s.State == ReplicaState.Exited);

        Assert.Equal(3, snapshot.Replicas[0].ExitCode);
    }

    [Fact]
    public async Task Start_MissingProgram_FailedToStartNamingThePackageAndTheScript()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b =>
        {
            var missing = b.AddResource(new ExecutableResource("missing", "/usr/bin/no-such-server") { DebianPackage = "no-such-package" });
            b.AddExecutable("dependent", "/bin/sleep", null, "30").WaitFor(missing);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitForResourceHealthyAsync("missing", Timeout));
        var dependent = await WaitAsync(app, "dependent", s => s.State == ReplicaState.FailedToStart);

        Assert.Contains("/usr/bin/no-such-server not found: install the Debian package 'no-such-package' (eng/install-prerequisites.sh does)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("'missing', which it waits for, is FailedToStart", dependent.Replicas[0].FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProject_NotBuilt_FailedToStartAskingToBuild()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b => b.AddProject("web", "../NoSuch/NoSuch.csproj").WithHttpEndpoint());
        await app.StartAsync(TestContext.Current.CancellationToken);

        var snapshot = await WaitAsync(app, "web", s => s.State == ReplicaState.FailedToStart);

        Assert.EndsWith("NoSuch.dll does not exist: build the solution first (./run.sh does).", snapshot.Replicas[0].FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAndStart_RunningReplica_ExitedBySigtermThenRunningAgainCountingTheRestart()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b => b.AddExecutable("sleeper", "/bin/sleep", null, "60").WithReplicas(2));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var first = await WaitAsync(app, "sleeper", s => s.State == ReplicaState.Running);

        await app.StopResourceAsync("sleeper", replica: 1);
        var stopped = await WaitAsync(app, "sleeper", s => s.Replicas[1].State == ReplicaState.Exited);
        await app.StartResourceAsync("sleeper", replica: 1);
        var again = await WaitAsync(app, "sleeper", s => s.State == ReplicaState.Running);

        Assert.Equal(ReplicaState.Running, stopped.Replicas[0].State);
        Assert.Equal(143, stopped.Replicas[1].ExitCode);  // 128 + SIGTERM: a graceful stop, not a kill
        Assert.Equal(1, again.Replicas[1].RestartCount);
        Assert.Equal(0, again.Replicas[0].RestartCount);
        Assert.NotEqual(first.Replicas[1].ProcessId, again.Replicas[1].ProcessId);
        Assert.False(ProcessExists(first.Replicas[1].ProcessId!.Value));
    }

    [Fact]
    public async Task WaitFor_DependencyNotHealthyYet_DependentWaitsThenStarts()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"hosting-test-{Guid.NewGuid():N}");
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b =>
        {
            var dependency = b.AddExecutable("dependency", "/bin/sleep", null, "60")
                .WithAnnotation(new HealthCheckAnnotation("flag file", (_, _) => Task.FromResult(File.Exists(flag))));
            b.AddExecutable("dependent", "/bin/sleep", null, "60").WaitFor(dependency);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);

        var running = await WaitAsync(app, "dependency", s => s.State == ReplicaState.Running);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var waiting = app.Services.GetRequiredService<ResourceNotificationService>().TryGet("dependent")!;
        await File.WriteAllTextAsync(flag, "healthy", TestContext.Current.CancellationToken);
        try
        {
            await WaitAsync(app, "dependency", s => s.State == ReplicaState.Healthy);
            await WaitAsync(app, "dependent", s => s.State == ReplicaState.Running);
        }
        finally
        {
            File.Delete(flag);
        }

        Assert.True(running.HasHealthCheck);
        Assert.Equal(ReplicaState.Waiting, waiting.State);
        Assert.Equal(["dependency"], waiting.WaitsFor);
    }

    [Fact]
    public async Task Logs_StdoutAndStderr_KeptInOrderWithSequenceAndStream()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b =>
            // stdout and stderr are read separately: 1 s between the writes keeps their order even on a stalled machine.
            b.AddExecutable("talker", "/bin/sh", null, "-c", "echo one; sleep 1; echo two >&2; sleep 1; echo three"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        await WaitAsync(app, "talker", s => s.State == ReplicaState.Exited);

        var lines = app.Services.GetRequiredService<ResourceLoggerService>().GetLogs("talker");

        Assert.Equal(["one", "two", "three"], lines.Select(l => l.Text));
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Sequence));
        Assert.Equal([false, true, false], lines.Select(l => l.IsError));
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid}");

    private static async Task<ResourceSnapshot> WaitAsync(DistributedApplication app, string name, Func<ResourceSnapshot, bool> predicate)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        return await app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceAsync(name, predicate, cancel.Token);
    }
}
