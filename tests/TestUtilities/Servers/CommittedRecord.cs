namespace Monitoring.TestUtilities;

/// <summary>
/// One record of a topic as a <c>read_committed</c> reader sees it (see <see cref="DevKafkaServer.ReadCommittedAsync"/>):
/// headers by name, the last of those sharing one.
/// </summary>
public sealed record CommittedRecord(int Partition, long Offset, string? Key, string? Value, IReadOnlyDictionary<string, string?> Headers);
