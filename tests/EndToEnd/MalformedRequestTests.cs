using System.Globalization;
using System.Text;

namespace MonitoringStack.EndToEnd;

/// <summary>A corpus of malformed requests against the running pipeline: never a 5xx, every service healthy after.</summary>
[Collection(PipelineGroup.Name)]
public sealed class MalformedRequestTests(PipelineFixture fixture)
{
    private const int Requests = 1_000;
    private const string Valid = """{"C_EmailAddress":"mal@example.com","account_id":"malformed","name":"Mal"}""";
    private static readonly string[] NotJson = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "garbage"];

    [Fact]
    public async Task PostForms_1000MalformedRequests_No5xxAndEveryServiceHealthyAfter()
    {
        // Seeded: a failure names the request's index, and the same corpus reproduces it.
        var random = new Random(20261130);
        var corpus = Enumerable.Range(0, Requests).Select(i => (Index: i, Request: Malformed(random, i))).ToList();
        var statuses = new int[Requests];

        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (item, ct) =>
            {
                using var request = item.Request;
                using var response = await fixture.Producer.SendAsync(request, ct);
                statuses[item.Index] = (int)response.StatusCode;
            });

        var histogram = string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{Requests} malformed requests: {histogram}");
        var serverErrors = Enumerable.Range(0, Requests).Where(i => statuses[i] >= 500).ToList();
        Assert.True(serverErrors.Count == 0, $"5xx for requests {string.Join(", ", serverErrors.Take(10))} ({histogram})");
        Assert.DoesNotContain(202, statuses);
        foreach (var service in new[] { "sample-web-producer", "sample-consumer" })
        {
            await fixture.WaitHealthyAsync(service);
        }
    }

    private static HttpRequestMessage Malformed(Random random, int index)
    {
        var kind = index % 12;
        var body = Encoding.UTF8.GetBytes(Valid);
        var contentType = "application/json";
        string? apiKey = PipelineFixture.ApiKey;
        switch (kind)
        {
            case 0: // random bytes
                body = new byte[random.Next(0, 400)];
                random.NextBytes(body);
                break;
            case 1: // a valid form cut short
                body = body[..random.Next(0, body.Length - 1)];
                break;
            case 2:
                contentType = NotJson[random.Next(NotJson.Length)];
                break;
            case 3: // invalid UTF-8 inside a string value
                var at = Valid.IndexOf("Mal\"", StringComparison.Ordinal) + 1;
                body = [.. body[..at], (byte)(0x80 + random.Next(0x40)), .. body[at..]];
                break;
            case 4: // nested deeper than allowed
                var depth = random.Next(17, 300);
                body = Encoding.UTF8.GetBytes(Valid[..^1] + ",\"x\":" + new string('[', depth) + new string(']', depth) + "}");
                break;
            case 5:
                body = Encoding.UTF8.GetBytes(Valid[..^1] + ",\"account_id\":\"other\"}");
                break;
            case 6: // huge or wrong-typed values
                var value = random.Next(3) switch { 0 => new string('9', random.Next(20, 2000)), 1 => "1e999999", _ => "[1,2,3]" };
                body = Encoding.UTF8.GetBytes($$"""{"C_EmailAddress":"mal@example.com","account_id":{{value}}}""");
                break;
            case 7: // over the 64 KiB cap
                body = Encoding.UTF8.GetBytes(Valid[..^1] + ",\"pad\":\"" + new string('x', 65_536 + random.Next(1000)) + "\"}");
                break;
            case 8: // JSON that is not an object
                body = Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "[]", 1 => "\"form\"", 2 => "42", _ => "null" });
                break;
            case 9: // control characters and NUL inside strings
                body = Encoding.UTF8.GetBytes(Valid.Replace("Mal\"", "M\u0000a\u0001l\"", StringComparison.Ordinal));
                break;
            case 10:
                apiKey = random.Next(2) == 0 ? null : new string('k', random.Next(1, 64));
                break;
            default: // a valid form with a bad e-mail address or account id
                body = Encoding.UTF8.GetBytes(random.Next(2) == 0
                    ? Valid.Replace("mal@example.com", "Mal <mal@example.com>", StringComparison.Ordinal)
                    : Valid.Replace("malformed", "bad id " + random.Next(), StringComparison.Ordinal));
                break;
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        request.Headers.Add("X-Request-Id", "e2e-malformed-" + index.ToString(CultureInfo.InvariantCulture));
        return request;
    }
}
