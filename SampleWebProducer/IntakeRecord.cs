using System.Text.Json;
using System.Text.Json.Serialization;

namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// What Redis keeps for one <c>Idempotency-Key</c>: the SHA-256 of the form's body and, while the form is in flight,
/// the claim of the request producing it (<see cref="Owner"/>); once Kafka acknowledged the form, the answer that
/// request gave (<see cref="Status"/>, <see cref="RequestId"/>, <see cref="Answer"/>), to give it again.
/// </summary>
internal sealed record IntakeRecord(
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("owner")] string? Owner = null,
    [property: JsonPropertyName("status")] int? Status = null,
    [property: JsonPropertyName("request_id")] string? RequestId = null,
    [property: JsonPropertyName("answer")] string? Answer = null)
{
    private static readonly JsonSerializerOptions Compact = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>True once the form was acknowledged and the record holds its answer.</summary>
    [JsonIgnore]
    public bool IsAnswered => Status is not null && Answer is not null;

    /// <summary>A claim on a key for a body: a new owner id, so that only this request can settle it.</summary>
    public static IntakeRecord Claim(string hash) => new(hash, Owner: Guid.NewGuid().ToString("N"));

    /// <summary>The record as Redis stores it; the owner compares it byte for byte, so it is written once per claim.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Compact);

    /// <summary>Reads a stored record; <see cref="JsonException"/> when the value is not one.</summary>
    public static IntakeRecord Parse(string json) =>
        JsonSerializer.Deserialize<IntakeRecord>(json, Compact) is { Hash.Length: > 0 } record
            ? record
            : throw new JsonException($"The value under the key is not an intake record ({json.Length} characters).");
}
