using Monitoring.Hosting.Orchestration;

namespace Monitoring.Hosting.Tests.Model;

public sealed class AggregateStateTests
{
    [Theory]
    [InlineData(ReplicaState.Healthy, ReplicaState.Healthy, ReplicaState.Healthy)]
    [InlineData(ReplicaState.Healthy, ReplicaState.Running, ReplicaState.Running)]
    [InlineData(ReplicaState.Healthy, ReplicaState.Unhealthy, ReplicaState.Unhealthy)]
    [InlineData(ReplicaState.Healthy, ReplicaState.Exited, ReplicaState.Healthy)]
    [InlineData(ReplicaState.Exited, ReplicaState.Exited, ReplicaState.Exited)]
    [InlineData(ReplicaState.Healthy, ReplicaState.Starting, ReplicaState.Starting)]
    [InlineData(ReplicaState.FailedToStart, ReplicaState.Healthy, ReplicaState.FailedToStart)]
    [InlineData(ReplicaState.Waiting, ReplicaState.Waiting, ReplicaState.Waiting)]
    public void Aggregate_TwoReplicas_GivesTheResourceState(ReplicaState first, ReplicaState second, ReplicaState expected) =>
        Assert.Equal(expected, ResourceSnapshot.Aggregate([first, second]));

    [Fact]
    public void IsReady_HealthCheckedResourceOnlyRunning_NotReady()
    {
        var replicas = new[] { new ReplicaSnapshot(0, ReplicaState.Running, 1, null, 0, null, null, null) };
        var withCheck = new ResourceSnapshot("x", "T", ReplicaState.Running, true, replicas, new Dictionary<string, string>(), new Dictionary<string, string>(), [], []);

        Assert.False(withCheck.IsReady);
        Assert.True((withCheck with { HasHealthCheck = false }).IsReady);
    }
}
