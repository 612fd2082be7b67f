using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitoring.Hosting.Orchestration;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.Hosting.Tests.Dashboard;

/// <summary>The dashboard in a real browser: Debian's chromium driven by Playwright (no browser is downloaded).</summary>
public sealed class DashboardBrowserTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly string[] Resources = ["redis", "metrics-cache", "influxdb"];

    [Fact]
    public async Task Dashboard_LoginRestartAndLogs_WorksInChromium()
    {
        SetDefaultExpectTimeout(20_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();

        // Without the token: the login page, no resources; a wrong token is refused.
        await page.GotoAsync(app.Url.ToString());
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("#resources")).ToHaveCountAsync(0);
        var refused = await page.GotoAsync(new Uri(app.Url, "login?t=" + new string('f', 32)).ToString());
        Assert.Equal(401, refused!.Status);
        await Expect(page.Locator("#login-error")).ToBeVisibleAsync();

        // With the token URL the console printed: every resource running and healthy.
        await page.GotoAsync(app.Dashboard.LoginUrl!.ToString());
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        foreach (var name in Resources)
        {
            await Expect(page.Locator($"tr[data-resource='{name}'] .state")).ToHaveTextAsync("Healthy");
        }
        await Expect(page.Locator("tr[data-resource='metrics-cache'] .replica-state")).ToHaveTextAsync(["Healthy", "Healthy"]);
        await Expect(page.Locator("#graph-svg g[data-node]")).ToHaveCountAsync(Resources.Length);

        // Restart redis from its button: the count goes up and the page shows it healthy again, without reloading.
        var redis = page.Locator("tr[data-resource='redis']");
        await Expect(redis.Locator(".restarts")).ToHaveTextAsync("0");
        await redis.Locator(".resource-actions button[data-command='restart']").ClickAsync();
        await Expect(page.Locator("tr[data-resource='redis'] .restarts")).ToHaveTextAsync("1");
        await Expect(page.Locator("tr[data-resource='redis'] .state")).ToHaveTextAsync("Healthy");

        // Its console logs show the new process's startup lines.
        var pid = app.App.Services.GetRequiredService<ResourceNotificationService>().TryGet("redis")!.Replicas[0].ProcessId;
        await page.Locator("tr[data-resource='redis'] .replica a").ClickAsync();
        Assert.Equal("/logs", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("#log")).ToContainTextAsync($"pid={pid}, just started");
        await Expect(page.Locator("#download")).ToHaveAttributeAsync("href", "/api/logs/download?resource=redis&replica=0");
    }
}
