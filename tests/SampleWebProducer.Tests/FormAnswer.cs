using System.Net;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>One answer of <c>POST /forms</c>, read whole.</summary>
internal sealed record FormAnswer(HttpStatusCode Status, string Body, string? RequestId, bool Replayed, TimeSpan? RetryAfter)
{
    public static async Task<FormAnswer> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
        response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.Single() : null,
        response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true",
        response.Headers.RetryAfter?.Delta);
}
