using Microsoft.Extensions.DependencyInjection;

namespace MonitoringStack.AppHost.Tests;

/// <summary>AppHost.cs's model, built and never started.</summary>
internal sealed class BuiltModel : IAsyncDisposable
{
    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly DistributedApplication _app;

    private BuiltModel(IDistributedApplicationTestingBuilder builder, DistributedApplication app)
    {
        _builder = builder;
        _app = app;
    }

    public DistributedApplicationModel Model => _app.Services.GetRequiredService<DistributedApplicationModel>();

    public static async Task<BuiltModel> BuildAsync(params string[] args)
    {
        // An app that was never started can take the host's whole shutdown timeout (30 s) to dispose: nothing runs, so 1 s.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MonitoringStack_AppHost>([.. args, "--shutdownTimeoutSeconds=1"],
            TestContext.Current.CancellationToken);
        return new BuiltModel(builder, await builder.BuildAsync(TestContext.Current.CancellationToken));
    }

    public T Resource<T>(string name)
        where T : IResource => Model.Resources.OfType<T>().Single(r => r.Name == name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _builder.DisposeAsync();
        }
        catch (ArgumentNullException ex) when (ex.ParamName == "source")
        {
            // Aspire's testing factory stops the host on dispose even when it never started. If the AppHost's entry point
            // has not reached the host's start yet (seen on a loaded machine), .NET's Host.StopAsync fails on its
            // not-yet-set list of hosted services. Nothing was started, so nothing is left running.
        }
        await _app.DisposeAsync();
    }
}
