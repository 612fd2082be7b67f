using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Confluent.Kafka;

namespace MonitoringStack.EndToEnd;

/// <summary>What a client of the pipeline does: post forms, hold a WebSocket, read a topic back.</summary>
internal static class Pipeline
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static string NewAccount(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<HttpResponseMessage> PostFormAsync(this PipelineFixture fixture, string body, string requestId,
        string? apiKey = PipelineFixture.ApiKey, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Request-Id", requestId);
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        return await fixture.Producer.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static string Form(string email, string accountId) =>
        JsonContent.Create(new Dictionary<string, string> { ["C_EmailAddress"] = email, ["account_id"] = accountId, ["source"] = "e2e" })
            .ReadAsStringAsync().GetAwaiter().GetResult();

    public static async Task<ClientWebSocket> ConnectAsync(this PipelineFixture fixture, string accountId)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", PipelineFixture.ApiKey);
        await socket.ConnectAsync(fixture.SocketUri(accountId), TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>The next text message, or null when none came within <paramref name="timeout"/> (default <see cref="Wait"/>).</summary>
    public static async Task<string?> ReceiveAsync(this ClientWebSocket socket, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? Wait);
        var buffer = new byte[64 * 1024];
        try
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            return result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(buffer, 0, result.Count) : null;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The request_id headers (in offset order per partition, duplicates kept) of every message now in <paramref name="topic"/> that start with <paramref name="prefix"/>.</summary>
    public static List<string> RequestIds(this PipelineFixture fixture, string topic, string prefix)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = fixture.Bootstrap,
            GroupId = "e2e-reader-" + Guid.NewGuid().ToString("N"),
        }).Build();
        List<TopicPartition> partitions;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Bootstrap }).Build())
        {
            partitions = [.. admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
        }
        var remaining = partitions.Sum(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var ids = new List<string>();
        var deadline = DateTime.UtcNow + Wait;
        while (remaining > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                remaining--;
                if (result.Message.Headers.TryGetLastBytes("request_id", out var id) && Encoding.UTF8.GetString(id) is { } value
                    && value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    ids.Add(value);
                }
            }
        }
        return ids;
    }

    /// <summary>
    /// The request_id headers starting with <paramref name="prefix"/> of every record a <c>read_committed</c> reader
    /// gets from <paramref name="topic"/> now (duplicates kept), read through the AppHost's DevKafka.
    /// </summary>
    public static async Task<List<string>> CommittedRequestIdsAsync(this PipelineFixture fixture, string topic, string prefix)
    {
        var control = fixture.App.GetEndpoint("kafka", "control");
        return [.. (await DevKafkaServer.ReadCommittedAsync(control, topic))
            .Select(r => r.Headers.GetValueOrDefault("request_id"))
            .OfType<string>()
            .Where(id => id.StartsWith(prefix, StringComparison.Ordinal))];
    }

    /// <summary>Reads <paramref name="topic"/> from its start until a message with header request_id = <paramref name="requestId"/> (bounded).</summary>
    public static ConsumeResult<string, string>? FindByRequestId(this PipelineFixture fixture, string topic, string requestId)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = fixture.Bootstrap,
            GroupId = "e2e-reader-" + Guid.NewGuid().ToString("N"),
        }).Build();
        // Assigned, not subscribed: a group join costs seconds on the mock cluster.
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = fixture.Bootstrap }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result
                && result.Message.Headers.TryGetLastBytes("request_id", out var id) && Encoding.UTF8.GetString(id) == requestId)
            {
                return result;
            }
        }
        return null;
    }
}
