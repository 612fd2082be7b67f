using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitoring.Lib.Metrics;

namespace MonitoringStack.SampleConsumer.Tests;

/// <summary>The consumer built exactly as its Program.cs builds it, with configuration as the AppHost injects it.</summary>
internal sealed class ConsumerApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConsumerApp(WebApplication app) => _app = app;

    public MetricsManager Metrics => _app.Services.GetRequiredService<MetricsManager>();

    public static async Task<ConsumerApp> StartAsync(ConsumerServers servers, string input, string output, string deadLetters,
        IDictionary<string, string?>? extraSettings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "sample-consumer", EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = servers.Bootstrap,
            ["ConnectionStrings:redis"] = servers.Redis.ConnectionString,
            ["Monitoring:Metrics:PushEnabled"] = "false",
            ["Monitoring:Kafka:GroupId"] = servers.Unique("group"),
            ["Monitoring:Kafka:PollTimeout"] = "00:00:00.100",
            ["Monitoring:Kafka:Properties:auto.offset.reset"] = "earliest",
            ["Monitoring:Kafka:Properties:heartbeat.interval.ms"] = "300",
            ["Monitoring:Kafka:Properties:session.timeout.ms"] = "6000",
            ["Forms:InputTopic"] = input,
            ["Forms:OutputTopic"] = output,
            ["Forms:DeadLetterTopic"] = deadLetters,
        });
        builder.Configuration.AddInMemoryCollection(extraSettings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddFormsConsumer();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return new ConsumerApp(app);
    }

    /// <summary>Stops the app the way the host does on SIGTERM (stopping the worker, then the metrics push).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
