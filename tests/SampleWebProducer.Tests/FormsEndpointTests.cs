using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace MonitoringStack.SampleWebProducer.Tests;

[Collection(ProducerServersGroup.Name)]
public sealed class FormsEndpointTests(ProducerServers servers)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostForms_ValidForm_ProducedKeyedByEmailWithTheRequestId()
    {
        var requestId = "req-" + Guid.NewGuid().ToString("N");
        var form = """{"C_EmailAddress":"carol@example.com","account_id":"acc_carol","comment":"hi"}""";

        using var response = await PostAsync(form, ProducerServers.ApiKey, requestId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(requestId, response.Headers.GetValues("X-Request-Id").Single());
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(requestId, answer.RootElement.GetProperty("request_id").GetString());
        var offset = answer.RootElement.GetProperty("offset").GetInt64();
        var partition = answer.RootElement.GetProperty("partition").GetInt32();
        var produced = KafkaTopic.Read(servers.Bootstrap, ProducerServers.Topic, 64)
            .Single(m => m.Partition.Value == partition && m.Offset.Value == offset);
        Assert.Equal("carol@example.com", produced.Message.Key);
        Assert.Equal(form, produced.Message.Value);
        Assert.True(produced.Message.Headers.TryGetLastBytes("request_id", out var header));
        Assert.Equal(requestId, Encoding.UTF8.GetString(header));
    }

    [Theory]
    [InlineData(null, """{"C_EmailAddress":"a@example.com","account_id":"a"}""", 401, "Unauthorized", null)]
    [InlineData("wrong-key-wrong-key-wrong", """{"C_EmailAddress":"a@example.com","account_id":"a"}""", 401, "Unauthorized", null)]
    [InlineData(ProducerServers.ApiKey, """{"C_EmailAddress":"a@example.com",""", 400, "InvalidJson", null)]
    [InlineData(ProducerServers.ApiKey, """{"account_id":"a"}""", 422, "InvalidField", "C_EmailAddress")]
    [InlineData(ProducerServers.ApiKey, """{"C_EmailAddress":"Ann <a@example.com>","account_id":"a"}""", 422, "InvalidField", "C_EmailAddress")]
    [InlineData(ProducerServers.ApiKey, """{"C_EmailAddress":"not-an-address","account_id":"a"}""", 422, "InvalidField", "C_EmailAddress")]
    [InlineData(ProducerServers.ApiKey, """{"C_EmailAddress":"a@example.com"}""", 422, "InvalidField", "account_id")]
    [InlineData(ProducerServers.ApiKey, """{"C_EmailAddress":"a@example.com","account_id":7}""", 422, "InvalidField", "account_id")]
    [InlineData(ProducerServers.ApiKey, """{"C_EmailAddress":"a@example.com","account_id":"bad id!"}""", 422, "InvalidField", "account_id")]
    public async Task PostForms_BadInput_AnswersItsStatusNamesTheFieldAndCountsIt(string? apiKey, string body, int status, string errorCode, string? field)
    {
        var requestId = "bad-" + Guid.NewGuid().ToString("N");
        var before = ErrorCount(errorCode);

        using var response = await PostAsync(body, apiKey, requestId);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(errorCode, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(field, problem.RootElement.TryGetProperty("field", out var named) ? named.GetString() : null);
        Assert.Equal(before + 1, ErrorCount(errorCode));
        var points = await Eventually.ReturnsAsync(
            () => servers.Influx.QueryAsync(ProducerServers.Database, $"SELECT * FROM errors WHERE request_id = '{requestId}'"),
            rows => rows.Count == 1, Wait, "the errors point");
        Assert.Equal(errorCode, points[0]["error_code"]);
        Assert.Equal("POST:/forms", points[0]["route"]);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), points[0]["status_code"]);
    }

    [Theory]
    [InlineData("text/plain", "ok", 415, "UnsupportedMediaType")]
    [InlineData(null, "ok", 415, "UnsupportedMediaType")]
    [InlineData("application/json", "invalid-utf8", 400, "InvalidJson")]
    [InlineData("application/json", "duplicate-key", 400, "InvalidJson")]
    [InlineData("application/json", "deep", 400, "InvalidJson")]
    [InlineData("application/problem+json", "huge-number", 422, "InvalidField")]
    public async Task PostForms_MalformedRequest_A4xxProblemNamingItNeverA500(string? contentType, string kind, int status, string errorCode)
    {
        var valid = """{"C_EmailAddress":"a@example.com","account_id":"a"}"""u8.ToArray();
        var body = kind switch
        {
            // A lone continuation byte inside a string: JsonDocument.Parse accepts it, reading the string throws.
            "invalid-utf8" => [.. """{"C_EmailAddress":"a@example.com","account_id":"a","name":"""u8, (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'],
            "duplicate-key" => """{"C_EmailAddress":"a@example.com","account_id":"a","account_id":"b"}"""u8.ToArray(),
            "deep" => Encoding.UTF8.GetBytes("""{"C_EmailAddress":"a@example.com","account_id":"a","x":""" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}"),
            "huge-number" => Encoding.UTF8.GetBytes("""{"C_EmailAddress":"a@example.com","account_id":""" + new string('9', 400) + "}"),
            _ => valid,
        };
        var before = ErrorCount(errorCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);

        using var response = await servers.App.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(errorCode, problem.RootElement.GetProperty("title").GetString());
        Assert.False(problem.RootElement.TryGetProperty("exception", out _), "no exception text reaches a client");
        Assert.Equal(before + 1, ErrorCount(errorCode));
    }

    [Fact]
    public async Task PostForms_BodyOverTheCap_Answers413AndCountsIt()
    {
        var before = ErrorCount("BodyTooLarge");
        var form = $$"""{"C_EmailAddress":"a@example.com","account_id":"a","pad":"{{new string('x', 2000)}}"}""";

        using var response = await PostAsync(form, ProducerServers.ApiKey, null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before + 1, ErrorCount("BodyTooLarge"));
    }

    [Fact]
    public async Task GetVersion_Always_AnswersTheServiceNameAndVersion()
    {
        using var json = JsonDocument.Parse(await servers.App.Client.GetStringAsync(new Uri("/version", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Equal("sample-web-producer", json.RootElement.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public void AddFormsProducer_ShortApiKey_ThrowsNamingTheKeyWithoutItsValue()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerApp.Build(new Dictionary<string, string?> { ["Forms:ApiKey"] = "short-secret" }));

        Assert.Equal("Forms:ApiKey must be set and at least 16 characters (environment variable Forms__ApiKey); got 12 characters.", error.Message);
    }

    private long ErrorCount(string errorCode)
    {
        var prefix = $"messages_errors{{app=\"sample-web-producer\",exception=\"{errorCode}\"}} ";
        var line = servers.App.Metrics.GetText().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? apiKey, string? requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        if (requestId is not null)
        {
            request.Headers.Add("X-Request-Id", requestId);
        }
        return await servers.App.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
