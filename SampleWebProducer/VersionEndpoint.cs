using System.Reflection;

namespace Monitoring.Samples.WebProducer;

/// <summary><c>GET /version</c>: the service name and its informational version.</summary>
internal static class VersionEndpoint
{
    private static readonly string Version =
        typeof(VersionEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static IResult Get(IHostEnvironment environment) =>
        Results.Json(new Dictionary<string, string> { ["name"] = environment.ApplicationName, ["version"] = Version });
}
