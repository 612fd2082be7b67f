using System.Globalization;
using System.Net;
using System.Text;

namespace Monitoring.Benchmarks.Pipeline;

/// <summary>The benchmark's client: posts valid forms through the producers' front address and waits until they are visible on <c>outgoing</c>.</summary>
internal static class FormLoad
{
    /// <summary>Requests in flight.</summary>
    public const int Concurrency = 128;

    /// <summary>
    /// Posts <paramref name="forms"/> forms (e-mail addresses made unique by <paramref name="tag"/>) and returns when
    /// the consumer has made as many visible on <c>outgoing</c> (<see cref="PipelineUnderTest.HandledTotal"/>). Any answer
    /// but 202 stops the run: a refused form would look fast.
    /// </summary>
    public static async Task PostAsync(PipelineUnderTest pipeline, int forms, string tag)
    {
        // A fresh pool per batch: connections to replicas that restarted are gone, and a POST is not retried on them.
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency })
        {
            BaseAddress = pipeline.ProducerFront,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var target = pipeline.HandledTotal() + forms;
        await Parallel.ForAsync(0, forms, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, cancellationToken) =>
        {
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"C_EmailAddress":"user{{tag}}x{{i}}@example.com","account_id":"acct{{i % 16}}","source":"bench"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", PipelineUnderTest.ApiKey);
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /forms answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });
        // Generous: right after a switch the restarted consumer first rejoins its group.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (pipeline.HandledTotal() < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the consumer has handled {pipeline.HandledTotal()} forms after 120 s; expected {target}.");
            }
            await Task.Delay(2);
        }
    }
}
