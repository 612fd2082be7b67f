namespace Monitoring.Hosting.ApplicationModel;

/// <summary>A .NET project of the solution, run as <c>dotnet bin/&lt;Configuration&gt;/net10.0/&lt;Project&gt;.dll</c>.</summary>
public class ProjectResource : ExecutableResource
{
    /// <summary>Creates a project resource.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="projectPath">The absolute path of the .csproj file.</param>
    /// <param name="configuration">The build configuration whose output runs (the AppHost's own).</param>
    public ProjectResource(string name, string projectPath, string configuration)
        : base(name, "dotnet", Path.GetDirectoryName(projectPath))
    {
        ProjectPath = projectPath;
        AssemblyPath = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, "net10.0",
            Path.GetFileNameWithoutExtension(projectPath) + ".dll");
    }

    /// <summary>The absolute path of the project file.</summary>
    public string ProjectPath { get; }

    /// <summary>The built assembly that runs. Its name is the project file's unless the project sets AssemblyName.</summary>
    public string AssemblyPath { get; init; }

    /// <inheritdoc />
    public override string? CheckRunnable() => File.Exists(AssemblyPath)
        ? null
        : $"{AssemblyPath} does not exist: build the solution first (./run.sh does).";
}
