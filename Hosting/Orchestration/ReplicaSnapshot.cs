namespace Monitoring.Hosting.Orchestration;

/// <summary>The state of one replica at one moment.</summary>
/// <param name="Index">The replica index, from 0.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="ProcessId">The process id while it runs.</param>
/// <param name="StartedAt">When the current (or last) process started.</param>
/// <param name="RestartCount">How many times it was started again after its first start.</param>
/// <param name="ExitCode">The exit code once exited (143 after SIGTERM).</param>
/// <param name="FailureReason">Why it failed to start, or why it is unhealthy.</param>
/// <param name="Url">The replica's own address of its first endpoint, if it has one.</param>
public sealed record ReplicaSnapshot(
    int Index,
    ReplicaState State,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    int RestartCount,
    int? ExitCode,
    string? FailureReason,
    string? Url);
