using System.Globalization;
using System.Runtime.CompilerServices;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monitoring.Hosting.Internal;

/// <summary>
/// One folder per app model run, <c>$TMPDIR/monitoring-apphost/{pid}-{random}</c>, with a sub-folder per server for its
/// config and data. Removed when the host stops; folders of runs whose process is gone (a SIGKILLed AppHost) are
/// removed by the next run.
/// </summary>
internal sealed class ServerDirectories
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, ServerDirectories> ByBuilder = [];

    private ServerDirectories(string root) => Root = root;

    public string Root { get; }

    public static string For(IDistributedApplicationBuilder builder, string resourceName) =>
        Directory.CreateDirectory(Path.Combine(ByBuilder.GetValue(builder, Create).Root, resourceName)).FullName;

    private static ServerDirectories Create(IDistributedApplicationBuilder builder)
    {
        var parent = Path.Combine(Path.GetTempPath(), "monitoring-apphost");
        RemoveOrphans(parent);
        var root = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessId}-{Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}"));
        var directories = new ServerDirectories(Directory.CreateDirectory(root).FullName);
        builder.Services.AddHostedService(services => new Cleanup(directories, services.GetRequiredService<IHostApplicationLifetime>()));
        return directories;
    }

    private static void RemoveOrphans(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }
        foreach (var run in Directory.EnumerateDirectories(parent))
        {
            var pid = Path.GetFileName(run).Split('-')[0];
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !Directory.Exists($"/proc/{pid}"))
            {
                TryDelete(run);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another run may be removing the same orphan; a folder left behind costs disk, not correctness.
        }
    }

    /// <summary>Removes the run's folder once the host has stopped, that is after every server has exited.</summary>
    private sealed class Cleanup(ServerDirectories directories, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(() => TryDelete(directories.Root));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
