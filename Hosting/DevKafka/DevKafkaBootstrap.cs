using Aspire.Hosting.ApplicationModel;

namespace Monitoring.Hosting.DevKafka;

/// <summary>
/// DevKafka's bootstrap list, read from its control endpoint when a connection string is resolved: the mock cluster's
/// brokers listen on ports of their own choosing, known only once it runs (and new after a restart). Resolved before
/// DevKafka is up (Aspire asks while it starts the resource), it is null; a service that waits for DevKafka gets the list.
/// </summary>
internal sealed class DevKafkaBootstrap(DevKafkaResource kafka) : IValueProvider, IManifestExpressionProvider
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public string ValueExpression => $"{{{kafka.Name}.bootstrap}}";

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        if (!kafka.ControlEndpoint.IsAllocated)
        {
            return null;
        }
        try
        {
            using var response = await Http.GetAsync(new Uri(kafka.ControlEndpoint.Url + "/bootstrap"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim()
                : null;
        }
        catch (HttpRequestException)
        {
            // Not listening yet: the same as 503 while the cluster starts.
            return null;
        }
    }
}
