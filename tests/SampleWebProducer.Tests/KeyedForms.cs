using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Lib.Metrics;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>What a client posting forms with an Idempotency-Key sees, and what the topic holds afterwards.</summary>
internal static class KeyedForms
{
    public static string Form(string name) => $$"""{"C_EmailAddress":"{{name}}@example.com","account_id":"acc_{{name}}"}""";

    /// <summary>Posts <paramref name="body"/> with the API key, <paramref name="requestId"/> and, unless null, <paramref name="key"/>.</summary>
    public static async Task<FormAnswer> PostAsync(HttpClient client, string body, string? key, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ProducerServers.ApiKey);
        request.Headers.Add("X-Request-Id", requestId);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await FormAnswer.ReadAsync(response);
    }

    /// <summary>
    /// Waits until the producer's Redis client has connected: before that a keyed form goes on unchecked, by design, and
    /// a test of the check would test the fallback instead.
    /// </summary>
    public static Task RedisConnectedAsync(ProducerApp app) =>
        Eventually.TrueAsync(() => app.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected, TimeSpan.FromSeconds(30), "the producer's Redis client to connect");

    /// <summary>The request_id headers of every message now on <paramref name="topic"/> that start with <paramref name="prefix"/>, duplicates kept.</summary>
    public static List<string> RequestIds(string bootstrap, string topic, string prefix)
    {
        var written = (int)KafkaTopic.Written(bootstrap, topic);
        return [.. KafkaTopic.Read(bootstrap, topic, written)
            .Select(m => m.Message.Headers.TryGetLastBytes("request_id", out var id) ? Encoding.UTF8.GetString(id) : "")
            .Where(id => id.StartsWith(prefix, StringComparison.Ordinal))];
    }

    /// <summary>The value of a counter of the producer (label app only), 0 before its first increment.</summary>
    public static double Counter(MetricsManager metrics, string name)
    {
        var prefix = $"{name}{{app=\"sample-web-producer\"}} ";
        var line = metrics.GetText().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
