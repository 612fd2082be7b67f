namespace DevKafka;

/// <summary>
/// One record as a <c>read_committed</c> reader sees it; key, value and headers decoded as UTF-8 (null when absent; the
/// last of headers sharing a name).
/// </summary>
internal sealed record CommittedRecord(int Partition, long Offset, string? Key, string? Value, IReadOnlyDictionary<string, string?> Headers);
