using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>A service whose background work dies must exit non-zero and say why on one line (.NET 10 exits 0).</summary>
[Collection(ConsoleGroup.Name)]
public sealed class FailedWorkExitCodeTests
{
    [Fact]
    public async Task RunAsync_BackgroundServiceFails_ExitCodeOneAndOneLineNamingServiceAndReason()
    {
        var lines = new ConcurrentQueue<string>();
        var exitCode = await RunAsync(lines, new FailingWork(new InvalidOperationException("Local: Erroneous state\nsecond line")));

        Assert.Equal(1, exitCode);
        Assert.Contains(
            "Background service FailingWork failed, so the service exits with code 1: InvalidOperationException: Local: Erroneous state second line",
            lines);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileWorkRuns_ExitCodeStaysZero()
    {
        var lines = new ConcurrentQueue<string>();
        var exitCode = await RunAsync(lines, work: null);

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(lines, line => line.Contains("exits with code", StringComparison.Ordinal));
    }

    /// <summary>Runs a host with the service defaults until it stops; returns the exit code it left, then restores it.</summary>
    private static async Task<int> RunAsync(ConcurrentQueue<string> lines, FailingWork? work)
    {
        var before = Environment.ExitCode;
        Environment.ExitCode = 0;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitoring:Metrics:PushEnabled"] = "false" });
            builder.AddServiceDefaults();
            builder.Logging.ClearProviders().AddProvider(new LineCollector(lines));
            builder.Services.AddHostedService(_ => work ?? new FailingWork(failure: null));
            using var host = builder.Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (work is null)
            {
                // Nothing fails: stopped from outside, as by SIGTERM.
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(
                    () => host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());
            }
            await host.RunAsync(timeout.Token);
            return Environment.ExitCode;
        }
        finally
        {
            Environment.ExitCode = before;
        }
    }

    /// <summary>Fails with <c>failure</c> after starting; without one, runs until stopped.</summary>
    private sealed class FailingWork(Exception? failure) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken);
            if (failure is not null)
            {
                throw failure;
            }
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
    }

    private sealed class LineCollector(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(lines);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
