using System.Text.RegularExpressions;

namespace Monitoring.Templates.Tests;

/// <summary>The generated solutions built, tested and run with their own scripts' commands, as their user would.</summary>
[Collection(TemplateGroup.Name)]
public sealed partial class GeneratedSolutionTests(TemplateWorkspace workspace)
{
    [Fact]
    public async Task Build_Defaults_NoWarningNoError()
    {
        // Every project but the two whose sources are the repository's own (TemplateWorkspace.DefaultsBuildExcludes).
        var build = (await workspace.Defaults.BuildAsync(workspace.DefaultsBuild)).EnsureSuccess();

        Assert.Matches(@"\b0 Warning\(s\)", build.Output);
        Assert.Matches(@"\b0 Error\(s\)", build.Output);
    }

    [Fact]
    public async Task AppHostModelTests_Defaults_Pass()
    {
        (await workspace.Defaults.BuildAsync(workspace.DefaultsBuild)).EnsureSuccess();

        var run = (await workspace.Defaults.TestAsync("tests/AppHost.Tests/AppHost.Tests.csproj", "FullyQualifiedName~ModelTests")).EnsureSuccess();

        Assert.True(PassedCount(run) >= 7, run.Output);
    }

    [Fact]
    public async Task EndToEnd_Defaults_AFormThroughTheWholePipeline()
    {
        (await workspace.Defaults.BuildAsync(workspace.DefaultsBuild)).EnsureSuccess();

        var run = (await workspace.Defaults.TestAsync("tests/EndToEnd/EndToEnd.csproj",
            "FullyQualifiedName~FormsPipelineTests.PostForm_ValidForm_ReachesOutgoingAndOnlyItsAccountsSocketAndIsRecorded")).EnsureSuccess();

        Assert.Equal(1, PassedCount(run));
    }

    [Fact]
    public async Task AppHost_WithoutSamples_ModelTestsPassAndEveryResourceHealthyThenStopped()
    {
        // Its own AppHost tests: the model without samples (and its Kubernetes manifests, rendered without the samples'),
        // and the AppHost run as on a fresh container, every resource healthy in its startup summary, then Ctrl+C
        // leaving no process behind.
        var build = (await workspace.WithoutSamples.BuildAsync(TemplateWorkspace.WithoutSamplesBuild)).EnsureSuccess();

        var run = (await workspace.WithoutSamples.TestAsync("tests/AppHost.Tests/AppHost.Tests.csproj",
            "FullyQualifiedName~ModelTests|FullyQualifiedName~LifetimeTests.Interrupt_")).EnsureSuccess();

        Assert.Matches(@"\b0 Warning\(s\)", build.Output);
        // ModelTests (2), KubernetesModelTests (deploy/kubernetes without the samples against this model: 8), Interrupt_ (1).
        Assert.Equal(11, PassedCount(run));
    }

    [Fact]
    public async Task Build_NameThatIsNoIdentifier_AppHostAndEveryProjectItRunsBuildWithoutWarnings()
    {
        var build = (await workspace.AwkwardName.BuildAsync(TemplateWorkspace.AwkwardNameBuild)).EnsureSuccess();

        Assert.Matches(@"\b0 Warning\(s\)", build.Output);
        Assert.True(File.Exists(workspace.AwkwardName.PathOf("SampleConsumer/bin/Release/net10.0/my_app._2.SampleConsumer.dll")));
    }

    private static int PassedCount(CommandResult run) =>
        PassedLine().Match(run.Output) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"Passed:\s+(\d+)")]
    private static partial Regex PassedLine();
}
