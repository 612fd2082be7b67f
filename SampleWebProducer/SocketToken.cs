using System.Text.Json.Serialization;

namespace MonitoringStack.SampleWebProducer;

/// <summary>The answer of <c>POST /ws/tokens</c>: open <c>/ws?account_id={AccountId}&amp;access_token={Token}</c> before <c>ExpiresAt</c>.</summary>
internal sealed record SocketToken(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
