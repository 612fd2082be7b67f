namespace Monitoring.Hosting.ApplicationModel;

/// <summary>
/// Extra variables a resource gives every resource that references it, beyond the standard connection string or
/// service address (for example the monitoring settings section a library reads).
/// </summary>
/// <param name="callback">Adds variables to the referencing replica's environment.</param>
public sealed class ReferenceEnvironmentAnnotation(Func<EnvironmentCallbackContext, Task> callback) : IResourceAnnotation
{
    /// <summary>The callback.</summary>
    public Func<EnvironmentCallbackContext, Task> Callback { get; } = callback;
}
