namespace Monitoring.Hosting.Testing;

/// <summary>
/// Starts from a test the same app model the AppHost runs (the counterpart of Aspire.Hosting.Testing). Every port is
/// a free one, the environment is "Testing", and disposing the application stops every process.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>
    /// Builds the application: creates a builder (the AppHost assembly is <paramref name="configure"/>'s, so its
    /// <c>AddProject</c> paths resolve as in the AppHost), applies <paramref name="configure"/>, and builds. Call
    /// <c>StartAsync</c> on the result, and dispose it (<c>await using</c>).
    /// </summary>
    /// <param name="configure">The app model, e.g. the AppHost's <c>AppModel.Configure</c>.</param>
    /// <param name="args">Extra configuration as command-line arguments (e.g. <c>--Hosting:StopTimeout=00:00:05</c>).</param>
    public static Task<DistributedApplication> CreateAsync(Action<IDistributedApplicationBuilder> configure, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = WithDashboardOff(args),
            AppHostAssembly = configure.Method.DeclaringType?.Assembly,
            EnvironmentName = "Testing",
        });
        configure(builder);
        return Task.FromResult(builder.Build());
    }

    /// <summary>The same, returning the builder so a test can add resources or settings before building.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(Action<IDistributedApplicationBuilder> configure, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = WithDashboardOff(args),
            AppHostAssembly = configure.Method.DeclaringType?.Assembly,
            EnvironmentName = "Testing",
        });
        configure(builder);
        return builder;
    }

    // Tests run without the dashboard unless one asks for it (--Dashboard:Enabled=true): a later argument wins.
    private static string[] WithDashboardOff(string[] args) => ["--Dashboard:Enabled=false", .. args];
}
