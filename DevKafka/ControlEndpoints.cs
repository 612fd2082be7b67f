namespace DevKafka;

/// <summary>
/// The control endpoint the host (and tests) use: health, bootstrap list, broker faults, topics. Plain HTTP on
/// 127.0.0.1 only, because it lets any caller take brokers down.
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

        app.MapGet("/topics", () => Results.Json(cluster.Topics.Select(t => new { name = t.Name, partitions = t.Partitions })));
    }

    private static IResult SetBroker(MockCluster cluster, string id, bool up)
    {
        // The id is taken as text so that a non-number gets the same 404 and message as an unknown number.
        var known = int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && cluster.SetBrokerUp(number, up);
        return known
            ? Results.NoContent()
            : Results.Text($"No broker '{id}': the brokers are 1 to {cluster.Brokers().Count}.", statusCode: StatusCodes.Status404NotFound);
    }
}
