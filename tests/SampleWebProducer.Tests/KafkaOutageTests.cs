using System.Net;
using System.Text;
using System.Text.Json;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>Kafka not answering: a form gets a bounded answer, and a client that gives up is not a server error.</summary>
[Collection(ProducerServersGroup.Name)]
public sealed class KafkaOutageTests(ProducerServers servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostForms_KafkaUnreachable_Answers503WithRetryAfterOnceTheProduceTimeoutPasses()
    {
        await using var app = await StartWithoutKafkaAsync("00:00:00.500");
        var requestId = "outage-" + Guid.NewGuid().ToString("N");

        using var request = Form(requestId);
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("KafkaUnavailable", problem.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("Kafka did not acknowledge the form within 0.5 s.", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var error = await ErrorPointAsync(requestId);
        Assert.Equal(("KafkaUnavailable", "503"), (error["error_code"], error["status_code"]));
    }

    [Fact]
    public async Task PostForms_ClientGivesUpWhileKafkaIsAway_Recorded499ClientClosedNot500()
    {
        await using var app = await StartWithoutKafkaAsync("00:00:30");
        var requestId = "gave-up-" + Guid.NewGuid().ToString("N");
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(500));

        using var request = Form(requestId);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Client.SendAsync(request, giveUp.Token));

        var error = await ErrorPointAsync(requestId);
        Assert.Equal(("ClientClosedRequest", "499"), (error["error_code"], error["status_code"]));
        var requests = await servers.Influx.QueryAsync(ProducerServers.Database, $"SELECT * FROM requests WHERE request_id = '{requestId}'");
        Assert.Equal("499", Assert.Single(requests)["status_code"]);
    }

    private async Task<ProducerApp> StartWithoutKafkaAsync(string produceTimeout)
    {
        var settings = servers.AppSettings();
        // Nothing listens on this port: no broker ever acknowledges.
        settings["ConnectionStrings:kafka"] = $"127.0.0.1:{FreePort.Next()}";
        settings["Forms:ProduceTimeout"] = produceTimeout;
        return await ProducerApp.StartAsync(settings);
    }

    private async Task<Dictionary<string, string>> ErrorPointAsync(string requestId) =>
        (await Eventually.ReturnsAsync(
            () => servers.Influx.QueryAsync(ProducerServers.Database, $"SELECT * FROM errors WHERE request_id = '{requestId}'"),
            rows => rows.Count == 1, Wait, "the errors point"))[0];

    private static HttpRequestMessage Form(string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/forms")
        {
            Content = new StringContent("""{"C_EmailAddress":"erin@example.com","account_id":"acc_erin"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);
        request.Headers.Add("X-Request-Id", requestId);
        return request;
    }
}
