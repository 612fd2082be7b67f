using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MonitoringStack.EndToEnd;

/// <summary>A client that retries every 503 and every timeout with an Idempotency-Key, through the AppHost's model.</summary>
[Collection(PipelineGroup.Name)]
public sealed class IdempotentIntakeTests(PipelineFixture fixture)
{
    // Long enough to retry through the broker's outage and librdkafka's redelivery after it.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RetryingClientWithKeysWhileABrokerIsDown_EveryFormOnFormsExactlyOnce()
    {
        const int forms = 60;
        var prefix = "e2e-idem-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var account = Pipeline.NewAccount("idem");
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var posts = new List<Task<string>>();
        try
        {
            for (var i = 0; i < forms; i++)
            {
                if (i == forms / 3)
                {
                    // Broker 1 leads some of the partitions of forms: forms keyed to them wait past every timeout.
                    await fixture.CommandAsync("kafka", "broker-1-down");
                }
                if (i == 2 * forms / 3)
                {
                    // The outage lasts on while the last third is posted, then librdkafka delivers what it held.
                    await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
                    await fixture.CommandAsync("kafka", "broker-1-up");
                }
                var id = prefix + i.ToString("D3", CultureInfo.InvariantCulture);
                // Half the client's attempts give up after 2 s (before the producer's 5 s answer), half wait for its 503.
                var attemptTimeout = TimeSpan.FromSeconds(i % 2 == 0 ? 2 : 30);
                posts.Add(PostUntilAcceptedAsync(Pipeline.Form(id + "@example.com", account), id, attemptTimeout, outcomes));
                await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await fixture.CommandAsync("kafka", "broker-1-up");
        }
        var answeredIds = await Task.WhenAll(posts);
        var onForms = fixture.RequestIds("forms", prefix);

        TestContext.Current.TestOutputHelper?.WriteLine($"{forms} forms, attempts: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        var expected = Enumerable.Range(0, forms).Select(i => prefix + i.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        Assert.Empty(onForms.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}"));
        // Every form's final answer names the request that produced it, which is the form's own id: never a second one.
        Assert.Equal(expected, answeredIds);
        Assert.Equal(expected, onForms.Order(StringComparer.Ordinal));
        Assert.True(outcomes.GetValueOrDefault("503") + outcomes.GetValueOrDefault("timeout") > 0,
            "no attempt failed, so the test retried nothing: the broker outage did not reach the forms");
    }

    /// <summary>Posts the form with its id as both Idempotency-Key and X-Request-Id until 202; returns the 202's request_id.</summary>
    private async Task<string> PostUntilAcceptedAsync(string form, string id, TimeSpan attemptTimeout, ConcurrentDictionary<string, int> outcomes)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (DateTime.UtcNow < deadline)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            attempt.CancelAfter(attemptTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(form, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", PipelineFixture.ApiKey);
            request.Headers.Add("X-Request-Id", id);
            request.Headers.Add("Idempotency-Key", id);
            try
            {
                using var response = await fixture.Producer.SendAsync(request, attempt.Token);
                var replayed = response.Headers.Contains("Idempotent-Replayed");
                outcomes.AddOrUpdate(replayed ? "202 replayed" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                    return answer.RootElement.GetProperty("request_id").GetString()!;
                }
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.Conflict });
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                outcomes.AddOrUpdate("timeout", 1, (_, n) => n + 1);
            }
            // What a polite client does between attempts; the answer's Retry-After (5 s, 1 s) would only make the test slower.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"Form {id} was not accepted within {GiveUpAfter.TotalMinutes} minutes of retries.");
    }
}
