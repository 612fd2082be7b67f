using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Dashboard;

/// <summary>
/// The dashboard: a Kestrel application on 127.0.0.1 inside the AppHost's host, showing the resources, their logs
/// and metrics. At start it logs <c>Login to the dashboard at http://127.0.0.1:PORT/login?t=TOKEN</c>.
/// </summary>
public sealed partial class DashboardServer : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly DashboardOptions _options;
    private readonly ILogger<DashboardServer> _logger;
    private readonly DashboardAuth _auth;
    private WebApplication? _app;

    internal DashboardServer(IServiceProvider services, IOptions<DashboardOptions> options, ILogger<DashboardServer> logger)
    {
        _services = services;
        _options = options.Value;
        _options.Validate();
        _logger = logger;
        _auth = new DashboardAuth(_options.BrowserToken);
    }

    /// <summary>The dashboard's base address, e.g. <c>http://127.0.0.1:PORT/</c>; null until started.</summary>
    public Uri? Url { get; private set; }

    /// <summary>The address that logs a browser in: <see cref="Url"/> plus <c>login?t=TOKEN</c>; null until started.</summary>
    public Uri? LoginUrl => Url is null ? null : new Uri(Url, "login?t=" + _auth.Token);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _options.Port));
        // The AppHost's console is for the resources and the login line; Kestrel's own chatter stays out of it.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_auth);
        builder.Services.AddSingleton(_options);
        builder.Services.AddSingleton(_services.GetRequiredService<DistributedApplicationModel>());
        builder.Services.AddSingleton(_services.GetRequiredService<ResourceNotificationService>());
        builder.Services.AddSingleton(_services.GetRequiredService<ResourceLoggerService>());
        builder.Services.AddSingleton(_services.GetRequiredService<ResourceCommandService>());
        builder.Services.AddSingleton(_services.GetRequiredService<IHostApplicationLifetime>());
        builder.Services.AddSingleton(_services.GetRequiredService<TimeProvider>());
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<MetricsQueries>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        var app = builder.Build();
        app.Use(RequireSession);
        DashboardPages.Map(app);
        DashboardApi.Map(app);
        LogsApi.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        // With port 0, Kestrel's bound address is only known once it listens.
        var address = app.Urls.First();
        Url = new Uri(address.TrimEnd('/') + "/");
        Log.LoginUrl(_logger, LoginUrl!);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task RequireSession(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/login") || path.StartsWithSegments("/assets") || _auth.IsAuthenticated(context.Request))
        {
            return next(context);
        }
        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsync("Log in first: open the login URL the AppHost printed.");
        }
        context.Response.Redirect("/login");
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Login to the dashboard at {LoginUrl}")]
        public static partial void LoginUrl(ILogger logger, Uri loginUrl);
    }
}
