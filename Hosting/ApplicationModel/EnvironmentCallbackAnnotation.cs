namespace Monitoring.Hosting.ApplicationModel;

/// <summary>Adds environment variables to each replica's process when it starts.</summary>
/// <param name="callback">Fills the context's variables; runs at every start of every replica.</param>
public sealed class EnvironmentCallbackAnnotation(Func<EnvironmentCallbackContext, Task> callback) : IResourceAnnotation
{
    /// <summary>The callback.</summary>
    public Func<EnvironmentCallbackContext, Task> Callback { get; } = callback;
}
