namespace Monitoring.Templates.Tests;

/// <summary>
/// Packs <c>templates/Monitoring.Templates.csproj</c>, installs the package into a throw-away template hive (never the
/// user's own) and makes the three solutions the tests look at, once for the whole run: (a) the defaults with
/// <c>-n Acme.Orders</c>, (b) <c>--samples false</c>, (c) a name that is not a C# identifier. All of it lives in one
/// temporary folder outside the repository, so that its Directory.Build.props does not reach the generated solutions.
/// </summary>
public sealed class TemplateWorkspace : IAsyncLifetime
{
    /// <summary>What is built of (b): its AppHost tests, which build the AppHost and everything it runs.</summary>
    internal const string WithoutSamplesBuild = "tests/AppHost.Tests/AppHost.Tests.csproj";

    /// <summary>What is built of (c): its AppHost, which builds every project whose names carry the user's name.</summary>
    internal const string AwkwardNameBuild = "AppHost/my_app._2.AppHost.csproj";

    /// <summary>
    /// What (a)'s build leaves out: the test projects of the library and of DevKafka. Their sources carry no name the
    /// template rewrites, so they are the repository's own byte for byte (GenerationTests compares every file), which
    /// this repository's build already compiles with warnings as errors; a second compile would only cost a minute of CPU.
    /// </summary>
    internal static readonly string[] DefaultsBuildExcludes = ["tests/Monitoring.Lib.Tests", "tests/DevKafka.Tests"];

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private DirectoryInfo? _root;

    internal static string RepositoryRoot { get; } = FindRepositoryRoot();

    internal string Hive => Path.Combine(_root!.FullName, "hive");

    internal string PackageFile { get; private set; } = "";

    internal GeneratedSolution Defaults { get; private set; } = null!;

    /// <summary>What is built of (a): a solution filter (beside its folder) of every project but <see cref="DefaultsBuildExcludes"/>.</summary>
    internal string DefaultsBuild { get; private set; } = "";

    internal GeneratedSolution WithoutSamples { get; private set; } = null!;

    internal GeneratedSolution AwkwardName { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("monitoring-templates-");
        var packages = Path.Combine(_root.FullName, "packages");
        (await CommandLine.RunAsync(RepositoryRoot, CommandTimeout, "dotnet", "pack", "templates/Monitoring.Templates.csproj", "-o", packages, "-nologo")).EnsureSuccess();
        PackageFile = Directory.EnumerateFiles(packages, "Monitoring.Templates.*.nupkg").Single();
        (await NewAsync("install", PackageFile)).EnsureSuccess();

        // The three builds start as soon as each solution exists and run side by side: a build waits on restore,
        // evaluation and its project chain as much as on the CPU. (a) is made last, and restores through the template's
        // post action as a user's first `dotnet new` does, while the others build; (b) and (c) skip it.
        WithoutSamples = await GenerateAsync("no-samples", "Acme.Orders", "Acme.Orders", "--samples", "false", "--skip-restore");
        _ = WithoutSamples.BuildAsync(WithoutSamplesBuild);
        AwkwardName = await GenerateAsync("awkward", "my-app.2", "my_app._2", "--skip-restore");
        _ = AwkwardName.BuildAsync(AwkwardNameBuild);
        Defaults = await GenerateAsync("defaults", "Acme.Orders", "Acme.Orders");
        DefaultsBuild = Path.Combine(_root.FullName, "defaults-build.slnf");
        Defaults.WriteFilter(DefaultsBuild, DefaultsBuildExcludes);
        _ = Defaults.BuildAsync(DefaultsBuild);
    }

    /// <summary><c>dotnet new</c> with this workspace's hive.</summary>
    internal Task<CommandResult> NewAsync(params string[] args) =>
        CommandLine.RunAsync(_root!.FullName, CommandTimeout, "dotnet", ["new", .. args, "--debug:custom-hive", Hive]);

    public async ValueTask DisposeAsync()
    {
        foreach (var solution in new[] { Defaults, WithoutSamples, AwkwardName }.Where(s => s is not null))
        {
            await solution.WhenBuildsEndedAsync();
        }
        _root?.Delete(recursive: true);
    }

    private async Task<GeneratedSolution> GenerateAsync(string folder, string name, string appNamespace, params string[] options)
    {
        var directory = Path.Combine(_root!.FullName, folder);
        (await NewAsync(["aspire-monitoring", "-n", name, "-o", directory, .. options])).EnsureSuccess();
        return new GeneratedSolution(directory, name, appNamespace);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "templates", "Monitoring.Templates.csproj")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No templates/Monitoring.Templates.csproj above {AppContext.BaseDirectory}");
    }
}

[CollectionDefinition(Name)]
public sealed class TemplateGroup : ICollectionFixture<TemplateWorkspace>
{
    public const string Name = "The template packed, installed and generated once";
}
