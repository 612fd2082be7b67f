using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monitoring.Hosting.Dashboard;

/// <summary>The HTML pages: a server-rendered frame per page; the page's script fills it and keeps it live.</summary>
internal static class DashboardPages
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/login", (HttpContext context, DashboardAuth auth) =>
        {
            var token = context.Request.Query["t"].ToString();
            if (token.Length == 0)
            {
                return Html(LoginPage(null), StatusCodes.Status200OK);
            }
            if (!auth.IsToken(token))
            {
                return Html(LoginPage("That token is not this run's: copy the login URL from the AppHost's console."), StatusCodes.Status401Unauthorized);
            }
            auth.SignIn(context.Response);
            return Results.Redirect("/");
        });
        app.MapGet("/", () => Html(Layout("Resources", "resources", """
            <div id="devkafka-note" class="note" hidden>Kafka here is <b>DevKafka</b>: an in-memory broker for development and
            tests only. Its topics and messages are lost when it stops.</div>
            <table id="resources"><thead><tr><th>Type</th><th>Name</th><th>State</th><th>Replicas</th><th>Endpoints</th>
            <th>Environment</th><th>Actions</th></tr></thead><tbody></tbody></table>
            <h2>Dependencies</h2><p class="hint">Solid arrow: references (gets its address). Dashed: waits for it to be ready.</p>
            <div id="graph"></div>
            """)));
        app.MapGet("/logs", () => Html(Layout("Console logs", "logs", """
            <div class="toolbar"><label>Resource <select id="source"></select></label>
            <label>Filter <input id="filter" type="search" placeholder="text in the line"></label>
            <a id="download" href="#">Download</a> <span id="log-status"></span></div>
            <div id="log"></div>
            """)));
        app.MapGet("/metrics", () => Html(Layout("Metrics", "metrics", """
            <p class="hint">Kafka app rates from Prometheus; request rate, latency and errors from InfluxDB. Last 5 minutes, refreshed every 5 s.</p>
            <div id="charts"></div>
            """)));
        app.MapGet("/assets/{file}", (string file) => DashboardAssets.Get(file) is { } asset
            ? Results.Bytes(asset.Content, asset.ContentType)
            : Results.NotFound());
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static string Layout(string title, string script, string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{title} - AppHost dashboard</title>
        <link rel="stylesheet" href="/assets/site.css"></head>
        <body><nav><b>AppHost dashboard</b> <a href="/">Resources</a> <a href="/logs">Console logs</a> <a href="/metrics">Metrics</a>
        <span id="live" title="live updates">&#9679;</span></nav>
        <main><h1>{title}</h1>
        {body}
        </main><script src="/assets/common.js"></script><script src="/assets/{script}.js"></script></body></html>
        """;

    private static string LoginPage(string? error) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Log in - AppHost dashboard</title>
        <link rel="stylesheet" href="/assets/site.css"></head>
        <body><main class="login"><h1>AppHost dashboard</h1>
        <p>Open the URL the AppHost printed on its console (<code>Login to the dashboard at …</code>), or paste its token:</p>
        {(error is null ? "" : $"<p class=\"error\" id=\"login-error\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="get" action="/login"><input name="t" type="password" autocomplete="off" placeholder="token" autofocus>
        <button type="submit">Log in</button></form></main></body></html>
        """;
}
