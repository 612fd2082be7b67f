namespace MonitoringStack.SampleWebProducer;

/// <summary>
/// Development only: <c>GET /dev</c>, a page to watch the pipeline from a browser (post a form, see its event arrive on
/// the WebSocket with its latency), and the two calls it makes, which act with this service's own API key on the page's
/// behalf so that the key never reaches the browser, as a real site's backend would: <c>POST /dev/socket-tokens</c>
/// (<see cref="SocketTokensEndpoint"/>) and <c>POST /dev/forms</c> (<see cref="FormsEndpoint"/>). The page opens
/// <c>/ws</c> with the token, on this service's own origin, so the browser lets it.
/// </summary>
internal static class DevelopmentPage
{
    public const string Path = "/dev";

    public static void Map(WebApplication app)
    {
        using var stream = typeof(DevelopmentPage).Assembly.GetManifestResourceStream("DevelopmentPage.html")
            ?? throw new InvalidOperationException("DevelopmentPage.html is not embedded in the web producer.");
        using var reader = new StreamReader(stream);
        var html = reader.ReadToEnd();
        app.MapGet(Path, () => Results.Content(html, "text/html; charset=utf-8"));
        app.MapPost(Path + "/socket-tokens", SocketTokensEndpoint.IssueAsync);
        app.MapPost(Path + "/forms", FormsEndpoint.PostAsync);
    }
}
