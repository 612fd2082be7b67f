using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Lib;
using Monitoring.Lib.AspNetCore;
using Monitoring.Lib.Redis;
using MonitoringStack.SampleWebProducer;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers and maps the sample web producer; see Program.cs for the order.</summary>
public static class FormsProducerExtensions
{
    /// <summary>
    /// Binds and validates section <c>Forms</c> (a bad value stops the app at start, naming the key), adds the Kafka
    /// producer (<c>ConnectionStrings:kafka</c>), Aspire's Redis client and the monitored subscriber over it
    /// (<c>ConnectionStrings:redis</c>), the <see cref="IdempotentIntake"/> of forms posted with an <c>Idempotency-Key</c>, and
    /// the <see cref="EventRelay"/> that feeds WebSocket clients (it counts dropped events on the
    /// <c>MetricsManager</c> that <c>AddServiceDefaults()</c> adds).
    /// </summary>
    public static IHostApplicationBuilder AddFormsProducer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FormsProducerOptions();
        builder.Configuration.GetSection(FormsProducerOptions.SectionName).Bind(options);
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new SocketTokens(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        // The API key (or a socket token) as an authentication scheme: endpoints ask for it with RequireAuthorization().
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        // acks=all unless the configuration chose otherwise: an accepted form is on every in-sync replica.
        builder.AddKafkaProducer<string, string>("kafka", settings => settings.Config.Acks ??= Confluent.Kafka.Acks.All);
        // Aspire's client (IConnectionMultiplexer, health check, traces). Not aborting when Redis is down at start:
        // form intake needs no Redis, and the client connects once Redis is there. No Redis spans with monitoring off:
        // nothing would export them; nor outside Development unless the configuration asks (appsettings.json): the
        // instrumentation profiles every command, kept trace or not, and cost more than all the rest of the monitoring.
        var monitoring = MonitoringSections.IsEnabled(builder.Configuration);
        // Its health is the subscriber's (below), which checks the connection the relay's events arrive on.
        builder.AddRedisClient("redis", settings =>
        {
            settings.DisableTracing |= !monitoring;
            settings.DisableHealthChecks = true;
        }, redis => redis.AbortOnConnectFail = false);
        // Intake needs no Redis: without it the WebSocket relay stops and forms with an Idempotency-Key are produced
        // unchecked (at-least-once, counted). Degraded keeps /health at 200, so a health-aware balancer keeps the
        // replica in rotation; the dashboard still shows Redis as the reason.
        builder.AddRedisSubscriber(settings => settings.HealthCheckFailureStatus = HealthStatus.Degraded);
        // Idempotency-Key records live in the same Redis, so every replica sees every key.
        builder.Services.AddSingleton(sp => new IdempotencyStore(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), options));
        builder.Services.AddSingleton(sp => new IdempotentIntake(sp.GetRequiredService<IdempotencyStore>(), options,
            sp.GetRequiredService<Monitoring.Lib.Metrics.MetricsManager>(), sp.GetRequiredService<Confluent.Kafka.IProducer<string, string>>(),
            sp.GetRequiredService<ILogger<IdempotentIntake>>()));
        builder.Services.AddSingleton<EventRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventRelay>());
        return builder;
    }

    /// <summary>
    /// Request monitoring first (it times everything), then the monitored exception handler, authentication and
    /// authorization (so a refused request is timed and counted too), then WebSockets.
    /// </summary>
    public static WebApplication UseFormsProducer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestMonitoring();
        app.UseMonitoredExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWebSockets();
        return app;
    }

    /// <summary>
    /// Maps <c>POST /forms</c>, <c>GET /ws</c>, <c>POST /ws/tokens</c> and <c>GET /version</c>, and in Development the
    /// page <c>GET /dev</c> (<see cref="DevelopmentPage"/>).
    /// </summary>
    public static WebApplication MapFormsEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/forms", FormsEndpoint.PostAsync).RequireAuthorization();
        app.MapGet("/ws", EventsSocketEndpoint.RunAsync).RequireAuthorization().WithMetadata(new ApiKeyAuthenticationHandler.AllowsSocketToken());
        app.MapPost("/ws/tokens", SocketTokensEndpoint.IssueAsync).RequireAuthorization();
        app.MapGet("/version", VersionEndpoint.Get);
        if (app.Environment.IsDevelopment())
        {
            DevelopmentPage.Map(app);
        }
        return app;
    }
}
