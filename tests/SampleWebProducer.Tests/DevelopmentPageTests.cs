using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using MonitoringStack.SampleContracts;
using StackExchange.Redis;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>
/// The Development page in Debian's chromium (eng/install-prerequisites.sh installs it): post a form, see its event
/// arrive over the WebSocket with its latency; the page holds no API key. The test plays the consumer: once the form
/// is accepted it publishes the form's event on Redis, as the sample consumer does after delivering it to <c>outgoing</c>.
/// </summary>
[Collection(ProducerServersGroup.Name)]
public sealed class DevelopmentPageTests(ProducerServers servers)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DevPage_PostForm_EventShownWithLatencyAndNoKeyInThePage()
    {
        await using var app = await ProducerApp.StartAsync(servers.AppSettings(), environment: "Development");
        var account = "page_" + Guid.NewGuid().ToString("N")[..8];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync(new Uri(app.Address, "/dev").ToString());
        Assert.DoesNotContain(ProducerServers.ApiKey, await page.ContentAsync(), StringComparison.Ordinal);
        await page.FillAsync("#account", account);
        await page.ClickAsync("#connect");
        await page.Locator("#status").Filter(new() { HasText = "connected: " + account }).WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await page.FillAsync("#email", "ann@example.com");
        await page.ClickAsync("#post");
        var row = page.Locator("#events tr[data-request-id]").First;
        await row.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        var requestId = await row.GetAttributeAsync("data-request-id");
        Assert.False(string.IsNullOrEmpty(requestId), "the accepted form's row has no request id");
        await PublishEventAsync(account, requestId!);

        var latency = row.Locator(".latency");
        await page.WaitForFunctionAsync("cell => cell.textContent.length > 0", await latency.ElementHandleAsync(), new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.True(double.Parse(await latency.InnerTextAsync(), CultureInfo.InvariantCulture) >= 0);
        Assert.Matches("^[0-9]+$", await row.Locator(".end-to-end").InnerTextAsync());
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task DevPage_Production_NotServed()
    {
        using var page = await servers.App.Client.GetAsync(new Uri("/dev", UriKind.Relative), TestContext.Current.CancellationToken);
        using var forms = await servers.App.Client.PostAsync(new Uri("/dev/forms", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, forms.StatusCode));
    }

    private async Task PublishEventAsync(string account, string requestId)
    {
        var form = $$"""{"C_EmailAddress":"ann@example.com","account_id":"{{account}}"}""";
        var payload = FormEventJson.Write(requestId, account, DateTimeOffset.UtcNow, form, traceParent: null);
        using var redis = await servers.Redis.ConnectAsync();
        Assert.Equal(1, await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("events:" + account), payload));
    }
}
