using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitoring.Hosting.Internal;

/// <summary>Finds a server's binary, and says which Debian package to install when it is missing.</summary>
internal static partial class ServerExecutable
{
    private static readonly string[] SystemDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The binary's full path, or its bare name when it is not installed (the start then fails, see <see cref="ReportMissing"/>).</summary>
    public static string Resolve(string binary) => Find(binary) ?? binary;

    /// <summary>Logs "Failed to start" naming the package on the resource's console log when its binary is missing.</summary>
    public static IResourceBuilder<T> ReportMissing<T>(this IResourceBuilder<T> builder, string binary, string package)
        where T : ExecutableResource
    {
        builder.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(builder.Resource, (e, _) =>
        {
            if (Find(binary) is null)
            {
                LogMissing(e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(e.Resource), e.Resource.Name, binary, package);
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    private static string? Find(string binary)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(SystemDirectories)
            .Select(directory => Path.Combine(directory, binary))
            .FirstOrDefault(File.Exists);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to start {Resource}: '{Binary}' is not installed. Install the Debian " +
        "package {Package} (eng/install-prerequisites.sh installs every package the template needs).")]
    private static partial void LogMissing(ILogger logger, string resource, string binary, string package);
}
