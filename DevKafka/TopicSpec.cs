namespace DevKafka;

/// <summary>A topic the cluster creates at start: <c>--topic NAME:PARTITIONS</c>.</summary>
internal sealed record TopicSpec(string Name, int Partitions);
