namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// The <c>Idempotency-Key</c> request header, named as in the IETF httpapi draft "The Idempotency-Key HTTP Header
/// Field". The draft sends the key as a structured-field string (<c>"8e03978e…"</c>); most clients send it bare, so
/// both are read, and mean the same key. <c>X-Request-Id</c> stays what it was: a correlation id, generated when absent.
/// </summary>
internal static class IdempotencyKey
{
    /// <summary>The header's name, <c>Idempotency-Key</c>.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The longest key accepted, 255 characters: a UUID fits many times, and the Redis key stays small.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// True with the key, or with null when the request has no such header; false with a sentence naming the problem
    /// when the header cannot be a key (repeated, empty, too long, not visible ASCII).
    /// </summary>
    public static bool TryRead(IHeaderDictionary headers, out string? key, out string? problem)
    {
        key = null;
        problem = null;
        var values = headers[HeaderName];
        if (values.Count == 0)
        {
            return true;
        }
        if (values.Count > 1)
        {
            problem = $"Send one {HeaderName} header; got {values.Count}.";
            return false;
        }
        var value = values[0] ?? "";
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }
        problem = value switch
        {
            { Length: 0 } => $"The {HeaderName} header is empty.",
            { Length: > MaxLength } => $"The {HeaderName} is {value.Length} characters long; at most {MaxLength} are accepted.",
            _ when value.Any(c => c is < '!' or > '~') => $"The {HeaderName} may hold only visible ASCII characters (no spaces, no control characters).",
            _ => null,
        };
        key = problem is null ? value : null;
        return problem is null;
    }
}
