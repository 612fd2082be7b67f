using System.Net;
using Monitoring.Hosting.Testing;

namespace Monitoring.Hosting.Tests.Dashboard;

public sealed class DashboardAuthTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Api_WithoutCookie_Returns401()
    {
        using var client = await app.CreateClientAsync(loggedIn: false);
        foreach (var path in new[] { "api/resources", "api/logs?resource=redis", "api/logs/download?resource=redis", "api/metrics/requests" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Page_WithoutCookie_RedirectsToLoginPageThatAsksForToken()
    {
        using var client = await app.CreateClientAsync(loggedIn: false);
        using var page = await client.GetAsync(new Uri("logs", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location?.OriginalString);
        var login = await client.GetStringAsync(new Uri("login", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("name=\"t\"", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongToken_Returns401WithoutCookie()
    {
        using var client = await app.CreateClientAsync(loggedIn: false);
        using var response = await client.GetAsync(new Uri("login?t=" + new string('0', 32), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var api = await client.GetAsync(new Uri("api/resources", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Login_RightToken_SetsHttpOnlyStrictCookieThenPagesAnswer200()
    {
        using var client = await app.CreateClientAsync(loggedIn: false);
        using var login = await client.GetAsync(app.Dashboard.LoginUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.Token, cookie, StringComparison.Ordinal);
        foreach (var path in new[] { "", "logs", "metrics", "api/resources", "assets/resources.js" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Command_WithoutAntiForgeryHeader_Returns403AndDoesNothing()
    {
        using var client = await app.CreateClientAsync(loggedIn: true);
        using var response = await client.PostAsync(new Uri("api/resources/redis/stop", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var redis = await app.App.WaitForResourceHealthyAsync("redis");
        Assert.Equal(0, redis.Replicas[0].RestartCount);
    }
}
