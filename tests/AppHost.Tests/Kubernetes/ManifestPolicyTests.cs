using k8s.Models;

namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>What every object of deploy/kubernetes must be: pinned, unprivileged, bounded, and free of secret values.</summary>
public sealed class ManifestPolicyTests
{
    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Render_Overlay_EveryImageHasAPinnedTag(string overlay)
    {
        var rendered = await Manifests.LoadAsync(overlay);

        foreach (var container in rendered.Workloads.SelectMany(w => w.Containers))
        {
            var image = container.Image;
            var lastSlash = image.LastIndexOf('/');
            var tag = image.Contains('@', StringComparison.Ordinal) ? "digest"
                : image.LastIndexOf(':') is var colon && colon > lastSlash ? image[(colon + 1)..] : "";
            Assert.False(tag is "" or "latest", $"container {container.Name}: image {image} has no pinned tag");
        }
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Render_Overlay_EveryPodRunsAsNonRootWithoutEscalationAndWithResourceBounds(string overlay)
    {
        var rendered = await Manifests.LoadAsync(overlay);

        foreach (var workload in rendered.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var what = $"{workload.Name}/{container.Name}";
                Assert.True((container.SecurityContext?.RunAsNonRoot ?? workload.Template.Spec.SecurityContext?.RunAsNonRoot) == true, $"{what} may run as root");
                Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{what} allows privilege escalation");
                Assert.True(container.SecurityContext?.Capabilities?.Drop?.Contains("ALL") == true, $"{what} keeps Linux capabilities");
                Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true && container.Resources.Requests.ContainsKey("memory"), $"{what} requests no CPU or memory");
                Assert.True(container.Resources?.Limits?.ContainsKey("memory") == true, $"{what} has no memory limit");
            }
        }
    }

    [Theory]
    [InlineData(Manifests.Development)]
    [InlineData(Manifests.Production)]
    public async Task Render_Overlay_NoSecretObjectAndSecretsOnlyByReference(string overlay)
    {
        var rendered = await Manifests.LoadAsync(overlay);

        Assert.Empty(rendered.All.OfType<V1Secret>());
        foreach (var variable in rendered.Workloads.SelectMany(w => w.Containers).SelectMany(c => c.Env ?? []))
        {
            if (IsSecretName(variable.Name))
            {
                Assert.True(variable.Value is null && variable.ValueFrom?.SecretKeyRef is not null, $"{variable.Name} must come from a Secret");
            }
        }
    }

    [Fact]
    public void Repository_DeployFolder_HoldsNoSecret()
    {
        foreach (var file in Directory.EnumerateFiles(Manifests.Root, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains("kind: Secret", StringComparison.Ordinal), $"{file} holds a Secret: the README says how to create it instead");
        }
    }

    private static readonly string[] SecretWords = ["ApiKey", "Password", "Secret", "Token"];

    private static bool IsSecretName(string name) => SecretWords.Any(word => name.EndsWith(word, StringComparison.OrdinalIgnoreCase));
}
