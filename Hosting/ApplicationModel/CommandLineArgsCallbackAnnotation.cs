namespace Monitoring.Hosting.ApplicationModel;

/// <summary>Adds command-line arguments (and may write config files into the state folder) when a replica starts.</summary>
/// <param name="callback">Appends to the context's arguments; runs at every start of every replica.</param>
public sealed class CommandLineArgsCallbackAnnotation(Func<CommandLineArgsCallbackContext, Task> callback) : IResourceAnnotation
{
    /// <summary>The callback.</summary>
    public Func<CommandLineArgsCallbackContext, Task> Callback { get; } = callback;
}
