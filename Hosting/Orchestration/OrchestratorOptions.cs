namespace Monitoring.Hosting.Orchestration;

/// <summary>How the host runs processes; configuration section <c>Hosting</c>.</summary>
public sealed class OrchestratorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Hosting";

    /// <summary>How long a process has to exit after SIGTERM before it is killed. Default 10 s.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a running replica's health is checked once it has been healthy. Default 1 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where each run keeps its config and data folders. Default <c>$TMPDIR/monitoring-apphost</c>.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "monitoring-apphost");

    /// <summary>Keep the run's state folder after a clean stop (to read the servers' files). Default false.</summary>
    public bool KeepStateDirectory { get; set; }

    internal void Validate()
    {
        if (StopTimeout <= TimeSpan.Zero || StopTimeout > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"Hosting:StopTimeout = {StopTimeout} is out of range: use more than 0 and at most 5 minutes.");
        }
        if (HealthCheckInterval < TimeSpan.FromMilliseconds(50) || HealthCheckInterval > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"Hosting:HealthCheckInterval = {HealthCheckInterval} is out of range: use 50 ms to 1 minute.");
        }
        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new InvalidOperationException("Hosting:StateDirectory is empty: give a folder path.");
        }
    }
}
