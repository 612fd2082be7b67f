using System.Text.RegularExpressions;
using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Dashboard;

/// <summary>A resource snapshot as the dashboard sends it: secrets masked as "******", DevKafka flagged.</summary>
internal sealed partial record ResourceView(
    string Name,
    string Type,
    ReplicaState State,
    bool HasHealthCheck,
    bool IsDevelopmentOnly,
    IReadOnlyList<ReplicaSnapshot> Replicas,
    IReadOnlyDictionary<string, string> Urls,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> References,
    IReadOnlyList<string> WaitsFor)
{
    public const string Mask = "******";

    public static ResourceView From(ResourceSnapshot s) => new(
        s.Name,
        s.Type,
        s.State,
        s.HasHealthCheck,
        s.Type.Contains("DevKafka", StringComparison.Ordinal),
        s.Replicas,
        s.Urls,
        s.Environment.ToDictionary(e => e.Key, e => IsSecret(e.Key, e.Value) ? Mask : e.Value, StringComparer.Ordinal),
        s.References,
        s.WaitsFor);

    // The engine masks the variables it knows are secret; a name that says so is masked too, in case a
    // resource set one the engine did not mark.
    private static bool IsSecret(string key, string value) => value == "****" || SecretName().IsMatch(key);

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|APIKEY|API_KEY|CREDENTIAL", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
