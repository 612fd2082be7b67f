using System.Reflection;

namespace Monitoring.Hosting;

/// <summary>How the application builder is created.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>The command-line arguments (added to configuration). Default: none.</summary>
    public string[] Args { get; init; } = [];

    /// <summary>
    /// The AppHost assembly, whose <c>AppHostProjectDirectory</c> and <c>AppHostConfiguration</c> metadata locate
    /// the projects to run. Default: the entry assembly.
    /// </summary>
    public Assembly? AppHostAssembly { get; init; }

    /// <summary>The environment name. Default: the usual host rules (DOTNET_ENVIRONMENT, else Production).</summary>
    public string? EnvironmentName { get; init; }
}
