namespace DevKafka;

/// <summary>
/// The control endpoint the host (and tests) use: health, bootstrap list, broker faults, group coordinators, topics.
/// Plain HTTP on 127.0.0.1 only, because it lets any caller take brokers down.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app, MockCluster cluster)
    {
        app.MapGet("/health", () => cluster.IsReady
            ? Results.Text("Healthy")
            : Results.Text("Starting", statusCode: StatusCodes.Status503ServiceUnavailable));

        app.MapGet("/bootstrap", () => cluster.IsReady
            ? Results.Text(cluster.Bootstrap)
            : Results.Text("The cluster is starting.", statusCode: StatusCodes.Status503ServiceUnavailable));

        app.MapGet("/brokers", () => Results.Json(cluster.Brokers()));

        app.MapPost("/brokers/{id}/down", (string id) => SetBroker(cluster, id, up: false));
        app.MapPost("/brokers/{id}/up", (string id) => SetBroker(cluster, id, up: true));

        // Without it the coordinator is the broker the group id hashes to: a test that takes brokers down pins it.
        app.MapPost("/groups/{group}/coordinator/{id}", (string group, string id) => SetCoordinator(cluster, group, id));

        app.MapGet("/topics", () => Results.Json(cluster.Topics.Select(t => new { name = t.Name, partitions = t.Partitions })));

        // What a read_committed consumer of a real broker would read (see CommittedReader); blocks until the topic is
        // quiet for quietMs (default 1000).
        app.MapGet("/topics/{topic}/committed", (string topic, int? quietMs) => ReadCommitted(cluster, topic, quietMs ?? 1000));
    }

    private static IResult ReadCommitted(MockCluster cluster, string topic, int quietMs)
    {
        if (!cluster.IsReady)
        {
            return Results.Text("The cluster is starting.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (quietMs is < 100 or > 30_000)
        {
            return Results.Text($"quietMs must be 100 to 30000, not {quietMs}.", statusCode: StatusCodes.Status400BadRequest);
        }
        var records = CommittedReader.Read(cluster.Bootstrap, topic, TimeSpan.FromMilliseconds(quietMs), TimeSpan.FromSeconds(60));
        return Results.Json(records.Select(r => new { partition = r.Partition, offset = r.Offset, key = r.Key, value = r.Value, headers = r.Headers }));
    }

    private static IResult SetCoordinator(MockCluster cluster, string group, string id) =>
        TryParseBrokerId(id, out var number) && cluster.SetGroupCoordinator(group, number) ? Results.NoContent() : UnknownBroker(cluster, id);

    private static IResult SetBroker(MockCluster cluster, string id, bool up)
    {
        var known = TryParseBrokerId(id, out var number) && cluster.SetBrokerUp(number, up);
        return known ? Results.NoContent() : UnknownBroker(cluster, id);
    }

    // The id is taken as text so that a non-number gets the same 404 and message as an unknown number.
    private static bool TryParseBrokerId(string id, out int number) =>
        int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number);

    private static IResult UnknownBroker(MockCluster cluster, string id) =>
        Results.Text($"No broker '{id}': the brokers are 1 to {cluster.Brokers().Count}.", statusCode: StatusCodes.Status404NotFound);
}
