namespace DevKafka;

/// <summary>One record as a <c>read_committed</c> reader sees it; key and value decoded as UTF-8 (null when absent).</summary>
internal sealed record CommittedRecord(int Partition, long Offset, string? Key, string? Value);
