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
