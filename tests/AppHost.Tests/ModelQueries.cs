namespace MonitoringStack.AppHost.Tests;

/// <summary>Reads of a built model shared by the model tests.</summary>
internal static class ModelQueries
{
    // The manifest form of each value ({resource.connectionString}, {resource.bindings.http.url}): what the model says,
    // without allocating ports. The replacement API (ExecutionConfigurationBuilder) resolves values, which needs a run.
#pragma warning disable CS0618
    public static ValueTask<Dictionary<string, string>> EnvironmentOf(IResourceWithEnvironment resource) =>
        resource.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

    public static T Resource<T>(DistributedApplicationModel model, string name)
        where T : IResource => model.Resources.OfType<T>().Single(r => r.Name == name);
}
