using Confluent.Kafka;
using Monitoring.Lib.Kafka.Internal;

namespace Monitoring.Lib.Tests.Kafka;

/// <summary>
/// What an exactly-once worker skips after losing partitions whose committed transactions' offsets the mock cluster
/// never stored: exactly the inputs those transactions handled, until a later commit passes them.
/// </summary>
public sealed class UnstoredTransactionOffsetsTests
{
    private static readonly TopicPartition P0 = new("in", 0);
    private static readonly TopicPartition P1 = new("in", 1);

    [Fact]
    public void WasHandled_LostAfterTwoCommittedTransactions_OnlyTheirInputsOfThatPartition()
    {
        var offsets = new UnstoredTransactionOffsets();
        offsets.Committed([new(P0, 10)], [new(P0, 15)]);
        offsets.Committed([new(P0, 15), new(P1, 3)], [new(P0, 20), new(P1, 4)]);

        Assert.Equal([P0], offsets.Gone([P0]));

        Assert.False(offsets.WasHandled(P0, 9));
        Assert.True(offsets.WasHandled(P0, 10));
        Assert.True(offsets.WasHandled(P0, 19));
        Assert.False(offsets.WasHandled(P0, 20));
        // Still assigned: its offsets are stored by the next plain commit, not skipped.
        Assert.False(offsets.WasHandled(P1, 3));
        Assert.Equal([new TopicPartitionOffset(P1, 4)], offsets.Pending);
    }

    [Fact]
    public void WasHandled_ACommitPastTheSkippedInputs_SkipsNothingMore()
    {
        var offsets = new UnstoredTransactionOffsets();
        offsets.Committed([new(P0, 10)], [new(P0, 15)]);
        offsets.Gone([P0]);

        // Read again from 10: the skipped inputs and one new one commit in the next transaction.
        offsets.Committed([new(P0, 10)], [new(P0, 16)]);

        Assert.False(offsets.WasHandled(P0, 12));
        Assert.Equal([new TopicPartitionOffset(P0, 16)], offsets.Pending);
    }

    [Fact]
    public void Gone_OffsetsStoredBefore_NothingSetAside()
    {
        var offsets = new UnstoredTransactionOffsets();
        offsets.Committed([new(P0, 10)], [new(P0, 15)]);
        offsets.Stored();

        Assert.Empty(offsets.Gone([P0]));
        Assert.False(offsets.WasHandled(P0, 12));
        Assert.False(offsets.HasPending);
    }
}
