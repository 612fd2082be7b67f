using System.Text.RegularExpressions;

namespace Monitoring.Templates.Tests;

/// <summary>The trees <c>dotnet new aspire-monitoring</c> makes, checked file by file without building them.</summary>
[Collection(TemplateGroup.Name)]
public sealed partial class GenerationTests(TemplateWorkspace workspace)
{
    // The token the repository's renamed projects carry, and the folders and files only the template's own repository has.
    private const string Token = "MonitoringStack";
    private static readonly string[] RepositoryOnly = ["bench/", "docs/", "templates/", ".ci/", "tests/Monitoring.Templates.Tests/", "artifacts/", ".git/"];

    [Fact]
    public async Task List_InstalledPackage_ShowsTheTemplateAndItsOptionsWithDefaults()
    {
        var list = (await workspace.NewAsync("list", "aspire-monitoring")).EnsureSuccess();
        var help = (await workspace.NewAsync("aspire-monitoring", "--help")).EnsureSuccess();

        Assert.Contains("aspire-monitoring", list.Output, StringComparison.Ordinal);
        Assert.Matches(@"--samples\s[\s\S]*?Type: bool\s+Default: true", help.Output);
        Assert.Matches(@"--skip-restore\s[\s\S]*?Type: bool\s+Default: false", help.Output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Generate_Defaults_TheUsersNameOnTheSolutionAndTheRenamedProjects()
    {
        var files = workspace.Defaults.Files();

        Assert.Contains("Acme.Orders.sln", files);
        foreach (var project in new[] { "AppHost/Acme.Orders.AppHost", "ServiceDefaults/Acme.Orders.ServiceDefaults",
            "SampleConsumer/Acme.Orders.SampleConsumer", "SampleWebProducer/Acme.Orders.SampleWebProducer",
            "SampleContracts/Acme.Orders.SampleContracts", "Monitoring.Lib/Monitoring.Lib", "Hosting/Hosting", "DevKafka/DevKafka",
            "MetricsCacheFront/MetricsCacheFront", "tests/TestUtilities/TestUtilities", "tests/KafkaWorkerHost/KafkaWorkerHost" })
        {
            Assert.Contains(project + ".csproj", files);
        }
        Assert.Contains("namespace Acme.Orders.AppHost;", File.ReadAllText(workspace.Defaults.PathOf("AppHost/AppModel.cs")), StringComparison.Ordinal);
        Assert.Contains("Projects.Acme_Orders_SampleConsumer", File.ReadAllText(workspace.Defaults.PathOf("AppHost/SampleServices.cs")), StringComparison.Ordinal);
        Assert.StartsWith("# Acme.Orders\n", File.ReadAllText(workspace.Defaults.PathOf("README.md")), StringComparison.Ordinal);
        Assert.DoesNotContain(files, IsRepositoryOnly);
        foreach (var script in new[] { "run.sh", "test.sh", "eng/install-prerequisites.sh", "eng/trust-dev-cert.sh" })
        {
            Assert.True(File.GetUnixFileMode(workspace.Defaults.PathOf(script)).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        }
    }

    [Fact]
    public void Generate_Defaults_EveryFileIsTheRepositorysWithOnlyTheNameReplaced()
    {
        // Configuration keys (Monitoring:…, Monitoring__…), metric, series, tag, meter and resource names and the
        // library's own names are whatever the repository says: any other rewrite makes a file differ here.
        var generated = workspace.Defaults.Files().Where(f => f is not "Acme.Orders.sln" and not "README.md").ToList();
        var expectedFiles = RepositoryFiles().Where(f => f is not $"{Token}.sln" and not "README.md")
            .Select(f => f.Replace(Token, "Acme.Orders", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(expectedFiles, generated);
        Assert.All(generated, file =>
        {
            var source = File.ReadAllText(Path.Combine(TemplateWorkspace.RepositoryRoot, file.Replace("Acme.Orders", Token, StringComparison.Ordinal)));
            var expected = MarkerLine().Replace(source, "").Replace(Token + "_", "Acme_Orders_", StringComparison.Ordinal).Replace(Token, "Acme.Orders", StringComparison.Ordinal);
            Assert.True(expected == File.ReadAllText(workspace.Defaults.PathOf(file)), $"{file} differs from the repository's beyond the name");
        });
    }

    [Fact]
    public void Generate_WithoutSamples_TheServersReadyForAFirstServiceAndAReadmeSayingHow()
    {
        var solution = workspace.WithoutSamples;
        var files = solution.Files();
        var appHost = File.ReadAllText(solution.PathOf("AppHost/AppHost.cs"));
        var readme = File.ReadAllText(solution.PathOf("README.md"));

        Assert.DoesNotContain(files, f => f.StartsWith("Sample", StringComparison.Ordinal) || f.Contains("/Sample", StringComparison.Ordinal)
            || f.StartsWith("tests/EndToEnd/", StringComparison.Ordinal));
        Assert.Contains("tests/AppHost.Tests/ModelTests.cs", files);
        Assert.DoesNotContain("Sample", File.ReadAllText(solution.PathOf("Acme.Orders.sln")), StringComparison.Ordinal);
        Assert.DoesNotContain("EndToEnd", File.ReadAllText(solution.PathOf("Acme.Orders.sln")), StringComparison.Ordinal);
        Assert.DoesNotContain("AddSamples", appHost, StringComparison.Ordinal);
        Assert.DoesNotContain("forms-api-key", File.ReadAllText(solution.PathOf("AppHost/appsettings.json")), StringComparison.Ordinal);
        Assert.Contains("AddMetricsCache(", appHost, StringComparison.Ordinal);
        Assert.Contains("builder.AddProject<Projects.Acme_Orders_MyService>(\"my-service\").WithMonitoredService(infrastructure);", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("Try the samples", readme, StringComparison.Ordinal);
        Assert.All(files, file => Assert.DoesNotMatch(MarkerLine(), File.ReadAllText(solution.PathOf(file))));
    }

    [Fact]
    public void Generate_NameThatIsNoIdentifier_ValidNamespacesAndMatchingProjectReferences()
    {
        var solution = workspace.AwkwardName;
        var files = solution.Files();

        Assert.Contains("my_app._2.sln", files);
        Assert.Contains("AppHost/my_app._2.AppHost.csproj", files);
        Assert.Contains("ServiceDefaults/my_app._2.ServiceDefaults.csproj", files);
        Assert.Contains("namespace my_app._2.AppHost;", File.ReadAllText(solution.PathOf("AppHost/SampleServices.cs")), StringComparison.Ordinal);
        Assert.Contains("Projects.my_app__2_SampleConsumer", File.ReadAllText(solution.PathOf("AppHost/SampleServices.cs")), StringComparison.Ordinal);
        Assert.Contains("../ServiceDefaults/my_app._2.ServiceDefaults.csproj", File.ReadAllText(solution.PathOf("SampleConsumer/my_app._2.SampleConsumer.csproj")), StringComparison.Ordinal);
        Assert.DoesNotContain(files.Where(f => Path.GetExtension(f) is ".cs" or ".csproj" or ".sln"),
            f => File.ReadAllText(solution.PathOf(f)).Contains("my-app.2", StringComparison.Ordinal));
    }

    /// <summary>The files the template packs: the repository's, less build output and what only the repository has.</summary>
    private static IEnumerable<string> RepositoryFiles() =>
        Directory.EnumerateFiles(TemplateWorkspace.RepositoryRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TemplateWorkspace.RepositoryRoot, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestResults" or "BenchmarkDotNet.Artifacts" or ".vs" or ".idea"))
            .Where(f => !IsRepositoryOnly(f) && !f.EndsWith(".user", StringComparison.Ordinal));

    // A clone's .git is a folder, a worktree's a file.
    private static bool IsRepositoryOnly(string file) =>
        file == ".git" || RepositoryOnly.Any(prefix => file.StartsWith(prefix, StringComparison.Ordinal));

    // A template conditional's own line (//#if (samples), <!--#endif -->, #if (repositoryOnly) in the solution file).
    [GeneratedRegex(@"^[ \t]*(//#|<!--#|#)(if|else|elseif|endif)\b.*\r?\n", RegexOptions.Multiline)]
    private static partial Regex MarkerLine();
}
