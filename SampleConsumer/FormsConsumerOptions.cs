namespace MonitoringStack.SampleConsumer;

/// <summary>Section <c>Forms</c>: where the consumer reads, writes and publishes.</summary>
public sealed class FormsConsumerOptions
{
    /// <summary>The configuration section, <c>Forms</c>.</summary>
    public const string SectionName = "Forms";

    /// <summary>The topic of posted forms. Default: <c>forms</c>.</summary>
    public string InputTopic { get; set; } = "forms";

    /// <summary>Where handled forms go. Default: <c>outgoing</c>.</summary>
    public string OutputTopic { get; set; } = "outgoing";

    /// <summary>Where rejected forms go, with the reason in header <c>error</c>. Default: <c>forms.dlq</c>.</summary>
    public string DeadLetterTopic { get; set; } = "forms.dlq";

    /// <summary>The Redis channel of an account's events is this prefix plus the account id. Default: <c>events:</c>.</summary>
    public string EventChannelPrefix { get; set; } = "events:";

    /// <summary>The consumer group when <c>Monitoring:Kafka:GroupId</c> is not set. Default: <c>sample-consumer</c>.</summary>
    public string GroupId { get; set; } = "sample-consumer";

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first empty key.</summary>
    public void Validate()
    {
        Require(InputTopic, nameof(InputTopic));
        Require(OutputTopic, nameof(OutputTopic));
        Require(DeadLetterTopic, nameof(DeadLetterTopic));
        Require(EventChannelPrefix, nameof(EventChannelPrefix));
        Require(GroupId, nameof(GroupId));
    }

    private static void Require(string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{SectionName}:{key} must not be empty; got '{value}'.");
        }
    }
}
