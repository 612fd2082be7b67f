namespace Monitoring.Hosting.Orchestration;

/// <summary>One shared client for health checks, with a short timeout so a hung server reads as unhealthy.</summary>
internal static class HttpProbe
{
    public static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task<bool> IsSuccessAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }
}
