using System.Text.Json.Serialization;

namespace MonitoringStack.SampleWebProducer;

/// <summary>The 202 answer of <c>POST /forms</c>: the request id and where the form was written.</summary>
internal sealed record FormAccepted(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("partition")] int Partition,
    [property: JsonPropertyName("offset")] long Offset);
