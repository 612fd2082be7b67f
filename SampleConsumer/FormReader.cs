using System.Text;
using System.Text.Json;
using MonitoringStack.SampleContracts;

namespace MonitoringStack.SampleConsumer;

/// <summary>Reads a form from the <c>forms</c> topic against the shared <see cref="FormContract"/>.</summary>
internal static class FormReader
{
    /// <summary>
    /// Parses <paramref name="value"/> and returns its <c>account_id</c>; throws <see cref="FormRejectedException"/> with
    /// the contract's reason (the one <c>POST /forms</c> would have answered 422 with) for anything else.
    /// </summary>
    public static string ReadAccountId(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new FormRejectedException("the form is empty");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value);
        }
        catch (JsonException ex)
        {
            throw new FormRejectedException($"the form is not JSON: {ex.Message}", ex);
        }
        using (document)
        {
            return FormContract.Validate(document.RootElement, out _, out var accountId) is { } invalid
                ? throw new FormRejectedException(invalid.Reason)
                : accountId;
        }
    }

    /// <summary>The request id header of a message, or an empty string.</summary>
    public static string RequestId(Confluent.Kafka.Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(FormContract.RequestIdHeader, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
}
