using System.Net;
using System.Text;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>Redis serves only the WebSocket relay: without it the producer is Degraded and keeps taking forms.</summary>
[Collection(ProducerServersGroup.Name)]
public sealed class HealthTests(ProducerServers servers)
{
    [Fact]
    public async Task Health_RedisUnreachable_DegradedWith200AndFormsStillAccepted()
    {
        var settings = servers.AppSettings();
        // Nothing listens on this port: the Redis client never connects.
        settings["ConnectionStrings:redis"] = $"127.0.0.1:{FreePort.Next()}";
        await using var app = await ProducerApp.StartAsync(settings);

        using var health = await app.Client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms")
        {
            Content = new StringContent("""{"C_EmailAddress":"dora@example.com","account_id":"acc_dora"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);
        using var form = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, "Degraded"), (health.StatusCode, await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(HttpStatusCode.Accepted, form.StatusCode);
    }
}
