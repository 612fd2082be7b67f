using System.Globalization;
using k8s;

namespace MonitoringStack.AppHost.Tests.Kubernetes;

/// <summary>deploy/kubernetes rendered with <c>kubectl kustomize</c> and loaded into KubernetesClient's typed models.</summary>
internal static class Manifests
{
    public const string Development = "development";
    public const string Production = "production";

    /// <summary>The repository's (or the generated solution's) deploy/kubernetes folder.</summary>
    public static readonly string Root = FindRoot();

    /// <summary>
    /// The custom resources the manifests may hold, by apiVersion/kind. Their schema belongs to their operator, so only
    /// the kind is checked (and duplicate keys); any other kind that KubernetesClient has no model for fails the load.
    /// </summary>
    private static readonly Dictionary<string, Type> CustomResources = new(StringComparer.Ordinal)
    {
        ["kafka.strimzi.io/v1/Kafka"] = typeof(Dictionary<object, object>),
        ["kafka.strimzi.io/v1/KafkaNodePool"] = typeof(Dictionary<object, object>),
        ["kafka.strimzi.io/v1/KafkaTopic"] = typeof(Dictionary<object, object>),
    };

    /// <summary>The overlay's output, optionally with the Strimzi component added as a user would add it.</summary>
    public static async Task<string> RenderAsync(string overlay, bool withStrimzi = false)
    {
        var directory = Path.Combine(Root, "overlays", overlay);
        using var composed = withStrimzi ? new TestDirectory("kustomize") : null;
        if (composed is not null)
        {
            // kustomize takes only relative paths to other kustomizations.
            await File.WriteAllTextAsync(Path.Combine(composed.Path, "kustomization.yaml"), string.Create(CultureInfo.InvariantCulture, $"""
                resources:
                  - {Path.GetRelativePath(composed.Path, directory)}
                components:
                  - {Path.GetRelativePath(composed.Path, Path.Combine(Root, "components", "strimzi-kafka"))}
                """), TestContext.Current.CancellationToken);
            directory = composed.Path;
        }
        var run = await CommandLine.RunAsync(Root, TimeSpan.FromSeconds(60), CommandLine.Find("kubectl"), "kustomize", directory);
        return run.EnsureSuccess().StandardOutput;
    }

    /// <summary>
    /// Every object of <paramref name="yaml"/> in its typed model, strictly: an unknown field or a duplicate key throws
    /// (KubernetesClient's own loader; its file and stream variants do not pass <c>strict</c> on, hence the text).
    /// </summary>
    public static IReadOnlyList<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, CustomResources, strict: true);

    public static async Task<RenderedObjects> LoadAsync(string overlay) => new(Load(await RenderAsync(overlay)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "deploy", "kubernetes");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No deploy/kubernetes above {AppContext.BaseDirectory}.");
    }
}
