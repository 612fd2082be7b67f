using System.Text.Json;
using MonitoringStack.ServiceDefaults.Tests.Fixtures;

namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>The console format a service logs in, read from its real console output.</summary>
[Collection(ConsoleGroup.Name)]
public sealed class JsonLogTests
{
    [Fact]
    public async Task Logs_FormatterVariableSet_AreOneJsonObjectPerLine()
    {
        var line = await FirstLineMentioningInfluxAsync(new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "json" });

        using var json = JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("MonitoringStack.ServiceDefaults.Internal.MonitoringOffNotice", json.RootElement.GetProperty("Category").GetString());
        Assert.StartsWith("InfluxDB points are off", json.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NoFormatterVariable_KeepTheSimpleFormat()
    {
        var line = await FirstLineMentioningInfluxAsync(new Dictionary<string, string?>());

        Assert.StartsWith("info: MonitoringStack.ServiceDefaults.Internal.MonitoringOffNotice", line, StringComparison.Ordinal);
    }

    private static async Task<string> FirstLineMentioningInfluxAsync(Dictionary<string, string?> settings)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        // The console logger takes Console.Out when it is created, so the redirection must come before the app is built.
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            await using var service = await ServiceApp.StartAsync(settings);
            return await Eventually.ReturnsAsync(
                () => Task.FromResult(captured.ToString().Split('\n').FirstOrDefault(l => l.Contains("MonitoringOffNotice", StringComparison.Ordinal) || l.Contains("InfluxDB points are off", StringComparison.Ordinal)) ?? ""),
                l => l.Length > 0, TimeSpan.FromSeconds(20), "the InfluxDB-off line on the console");
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
