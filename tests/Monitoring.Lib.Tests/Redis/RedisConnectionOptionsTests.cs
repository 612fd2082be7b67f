using Microsoft.Extensions.Configuration;
using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

public sealed class RedisConnectionOptionsTests
{
    [Fact]
    public void Parse_EverySetting_Read()
    {
        var options = RedisConnectionOptions.Parse(
            "10.0.0.5:6380, password=p=w d ,user=app,connectTimeout=250,syncTimeout=1500,abortConnect=false,ssl=True,sslHost=cache.internal");

        Assert.Equal([new RedisEndPoint("10.0.0.5", 6380)], options.EndPoints);
        Assert.Equal(("p=w d", "app", 250.0, 1500.0, true, "cache.internal"),
            (options.Password, options.User, options.ConnectTimeout.TotalMilliseconds, options.SyncTimeout.TotalMilliseconds, options.Ssl, options.SslHost));
    }

    [Fact]
    public void Parse_HostOnly_Defaults()
    {
        var options = RedisConnectionOptions.Parse("cache");

        Assert.Equal([new RedisEndPoint("cache", 6379)], options.EndPoints);
        Assert.Equal((null, 5000.0, 5000.0, false, null),
            (options.Password, options.ConnectTimeout.TotalMilliseconds, options.SyncTimeout.TotalMilliseconds, options.Ssl, options.SslHost));
    }

    [Fact]
    public void Parse_SeveralEndPoints_KeptInTheirOrderWhereverTheyStand()
    {
        var options = RedisConnectionOptions.Parse("primary:7001,password=x,replica,[::1]:7003,ssl=false");

        Assert.Equal([new("primary", 7001), new("replica", 6379), new("::1", 7003)], options.EndPoints);
        Assert.False(options.Ssl);
    }

    [Theory]
    [InlineData("127.0.0.1:abc", "end point '127.0.0.1:abc': port 'abc' is not a number from 1 to 65535")]
    [InlineData("127.0.0.1:1,replica:70000", "end point 'replica:70000': port '70000'")]
    [InlineData(":6379", "end point ':6379' has no host")]
    [InlineData("127.0.0.1:1,connectTimeout=soon", "connectTimeout='soon' is not a positive number of milliseconds")]
    [InlineData("127.0.0.1:1,syncTimeout=0", "syncTimeout='0'")]
    [InlineData("127.0.0.1:1,ssl=maybe", "ssl='maybe' is not true or false")]
    [InlineData("127.0.0.1:1,ssl=true,sslHost=", "sslHost is empty")]
    [InlineData("127.0.0.1:1,=x", "part '=x' has no key")]
    [InlineData("password=x,ssl=true", "it names no end point")]
    [InlineData(" ", "it is empty")]
    public void Parse_BadPart_MessageNamesIt(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadPart_MessageShowsTheStringWithoutItsPassword()
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse("127.0.0.1:1,password=secret,ssl=maybe"));

        Assert.Equal("Redis connection string '127.0.0.1:1,password=*****,ssl=maybe': ssl='maybe' is not true or false.", error.Message);
    }

    [Fact]
    public void FromConfiguration_Malformed_MessageNamesTheKey()
    {
        var configuration = Configuration(("ConnectionStrings:cache", "127.0.0.1:1,password=secret,connectTimeout=-1"));

        var error = Assert.Throws<InvalidOperationException>(() => RedisConnectionOptions.FromConfiguration(configuration, "cache"));

        Assert.Equal("ConnectionStrings:cache is '127.0.0.1:1,password=*****,connectTimeout=-1': connectTimeout='-1' is not a positive number of milliseconds.", error.Message);
    }

    [Fact]
    public void FromConfiguration_NotSet_Null()
    {
        Assert.Null(RedisConnectionOptions.FromConfiguration(Configuration(("ConnectionStrings:other", "127.0.0.1:1"))));
    }

    [Fact]
    public void EndPoints_SetEmpty_Refused()
    {
        Assert.Throws<ArgumentException>(() => new RedisConnectionOptions { EndPoints = [] });
    }

    [Fact]
    public void ToString_EverySetting_PasswordRedacted()
    {
        var options = RedisConnectionOptions.Parse("a:1,b:2,password=secret,user=app,ssl=true,sslHost=redis.local");

        Assert.Equal("a:1,b:2,password=*****,user=app,ssl=true,sslHost=redis.local", options.ToString());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
