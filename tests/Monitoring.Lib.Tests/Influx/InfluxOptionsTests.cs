using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

public sealed class InfluxOptionsTests
{
    [Fact]
    public void Constructor_Defaults_MatchDocumentedValues()
    {
        var options = new InfluxOptions();

        Assert.Equal(1, options.Version);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FlushInterval);
        Assert.Equal(5_000, options.BatchSize);
        Assert.Equal(1_000_000, options.BufferCapacity);
        Assert.Equal(5, options.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.MaxDelay);
        Assert.Equal(0.2, options.Retry.Jitter);
    }

    [Fact]
    public void AddInfluxPoints_ConfigurationSection_BindsEveryKey()
    {
        using var provider = Services(new()
        {
            ["Monitoring:Influx:Version"] = "2",
            ["Monitoring:Influx:Url"] = "http://127.0.0.1:8086",
            ["Monitoring:Influx:Org"] = "acme",
            ["Monitoring:Influx:Bucket"] = "points",
            ["Monitoring:Influx:Token"] = "secret-token",
            ["Monitoring:Influx:FlushInterval"] = "00:00:02",
            ["Monitoring:Influx:BatchSize"] = "100",
            ["Monitoring:Influx:BufferCapacity"] = "1000",
            ["Monitoring:Influx:Retry:MaxAttempts"] = "3",
            ["Monitoring:Influx:Retry:InitialDelay"] = "00:00:00.050",
            ["Monitoring:Influx:Retry:MaxDelay"] = "00:00:01",
            ["Monitoring:Influx:Retry:Jitter"] = "0.5",
        });

        var options = provider.GetRequiredService<IOptions<InfluxOptions>>().Value;

        Assert.Equal((2, "http://127.0.0.1:8086", "acme", "points", "secret-token"), (options.Version, options.Url, options.Org, options.Bucket, options.Token));
        Assert.Equal((TimeSpan.FromSeconds(2), 100, 1000), (options.FlushInterval, options.BatchSize, options.BufferCapacity));
        Assert.Equal((3, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 0.5),
            (options.Retry.MaxAttempts, options.Retry.InitialDelay, options.Retry.MaxDelay, options.Retry.Jitter));
    }

    [Theory]
    [InlineData("Url", "foo", "Monitoring:Influx:Url must be an absolute http(s) URL; got 'foo'")]
    [InlineData("Url", "ftp://host", "Monitoring:Influx:Url must be an absolute http(s) URL; got 'ftp://host'")]
    [InlineData("Version", "3", "Monitoring:Influx:Version must be 1 or 2; got '3'")]
    [InlineData("Database", "", "Monitoring:Influx:Database is required when Monitoring:Influx:Version is 1; got ''")]
    [InlineData("BatchSize", "0", "Monitoring:Influx:BatchSize must be at least 1; got '0'")]
    [InlineData("BufferCapacity", "-5", "Monitoring:Influx:BufferCapacity must be at least 1; got '-5'")]
    [InlineData("FlushInterval", "00:00:00", "Monitoring:Influx:FlushInterval must be greater than zero; got '00:00:00'")]
    [InlineData("Retry:Jitter", "1.5", "Monitoring:Influx:Retry:Jitter must be between 0 and 1; got '1.5'")]
    [InlineData("Retry:MaxDelay", "00:00:00.010", "Monitoring:Influx:Retry:MaxDelay must be at least Retry:InitialDelay (00:00:00.2000000); got '00:00:00.0100000'")]
    public void ValidateOnStart_BadValue_MessageNamesKeyAndValue(string key, string value, string expected)
    {
        var settings = Valid();
        settings[$"Monitoring:Influx:{key}"] = value;
        using var provider = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InfluxOptions>>().Value);

        Assert.Contains(expected, error.Failures);
    }

    [Fact]
    public void Validate_BadPasswordAndToken_NeverInMessages()
    {
        var recorderError = Assert.Throws<ArgumentException>(() => new InfluxRecorder(new InfluxOptions
        {
            Url = "nope", Version = 2, Token = "tok-SECRET", Password = "pw-SECRET", User = "u",
        }));

        Assert.StartsWith("Monitoring:Influx:Url must be an absolute http(s) URL; got 'nope'", recorderError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", recorderError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInfluxPoints_CalledTwice_RegistersOnce()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(Valid());

        builder.AddInfluxPoints();
        builder.AddInfluxPoints();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(InfluxRecorder));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void AddInfluxPoints_Delegate_RunsAfterTheSection_AlsoWhenTheRecorderWasAddedBefore()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(Valid());
        builder.AddInfluxPoints();
        builder.AddInfluxPoints(settings => settings.Database = "from-delegate");
        using var provider = builder.Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<InfluxOptions>>().CurrentValue;

        Assert.Equal(("http://127.0.0.1:8086", "from-delegate"), (options.Url, options.Database));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(InfluxRecorder));
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Monitoring:Influx:Url"] = "http://127.0.0.1:8086",
        ["Monitoring:Influx:Database"] = "telemetry",
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddInfluxPoints();
        return builder.Services.BuildServiceProvider();
    }
}
