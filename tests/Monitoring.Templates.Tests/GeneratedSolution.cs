using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitoring.Templates.Tests;

/// <summary>
/// A solution made by <c>dotnet new aspire-monitoring</c> in its own folder, built at most once per target however many
/// tests ask for the build.
/// </summary>
internal sealed partial class GeneratedSolution(string directory, string name, string appNamespace)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);
    private readonly Dictionary<string, Lazy<Task<CommandResult>>> _builds = [];

    /// <summary>The folder it was made in.</summary>
    public string Directory { get; } = directory;

    /// <summary>The name given with <c>-n</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The name as the template turns it into a namespace (and project and solution names).</summary>
    public string AppNamespace { get; } = appNamespace;

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>
    /// <c>dotnet build</c> of <paramref name="target"/> (a project, or a solution filter) in Release, as <c>./test.sh</c> builds:
    /// the solution's own Directory.Build.props treats every warning as an error.
    /// </summary>
    public Task<CommandResult> BuildAsync(string target)
    {
        Lazy<Task<CommandResult>> build;
        lock (_builds)
        {
            if (!_builds.TryGetValue(target, out build!))
            {
                build = new(() => CommandLine.RunAsync(Directory, BuildTimeout, "dotnet", "build", target, "-c", "Release", "-nologo", "-nodeReuse:false"));
                _builds[target] = build;
            }
        }
        return build.Value;
    }

    /// <summary>
    /// Writes the solution filter <paramref name="filterPath"/> (outside <see cref="Directory"/>, which holds only what
    /// the template made) of every project of the solution but those below <paramref name="excludedFolders"/>.
    /// </summary>
    public void WriteFilter(string filterPath, params string[] excludedFolders)
    {
        var solution = PathOf($"{AppNamespace}.sln");
        var projects = ProjectLine().Matches(File.ReadAllText(solution))
            .Select(match => match.Groups[1].Value)
            .Where(path => path.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(path => !excludedFolders.Any(folder => path.Replace('\\', '/').StartsWith(folder + "/", StringComparison.Ordinal)))
            .ToArray();
        var relativeSolution = Path.GetRelativePath(Path.GetDirectoryName(filterPath)!, solution);
        File.WriteAllText(filterPath, JsonSerializer.Serialize(new { solution = new { path = relativeSolution, projects } }));
    }

    /// <summary>Waits for every build started, whatever its outcome, e.g. before the folder is deleted.</summary>
    public async Task WhenBuildsEndedAsync()
    {
        Task[] builds;
        lock (_builds)
        {
            builds = [.. _builds.Values.Where(b => b.IsValueCreated).Select(b => b.Value)];
        }
        await Task.WhenAll(builds).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Runs the tests of one of its test projects that <paramref name="filter"/> selects, on its build.</summary>
    public Task<CommandResult> TestAsync(string testProject, string filter) =>
        CommandLine.RunAsync(Directory, TimeSpan.FromMinutes(5), "dotnet", "test", testProject, "-c", "Release", "--no-build",
            "--filter", filter, "--logger", "console;verbosity=normal");

    /// <summary>Every file below it, as paths relative to it, without build output.</summary>
    public IReadOnlyList<string> Files() =>
    [
        .. System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal),
    ];

    // A project line of a .sln: Project("{type}") = "name", "relative\\path.csproj", "{guid}".
    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
