using Monitoring.Lib.Redis;

namespace Monitoring.Lib.Tests.Redis;

public sealed class RedisConnectionOptionsTests
{
    [Fact]
    public void Parse_EverySetting_Read()
    {
        var options = RedisConnectionOptions.Parse("10.0.0.5:6380, password=p=w d ,user=app,connectTimeout=250,syncTimeout=1500,abortConnect=false");

        Assert.Equal(("10.0.0.5", 6380, "p=w d", "app", 250.0, 1500.0),
            (options.Host, options.Port, options.Password, options.User, options.ConnectTimeout.TotalMilliseconds, options.SyncTimeout.TotalMilliseconds));
    }

    [Fact]
    public void Parse_HostOnly_Defaults()
    {
        var options = RedisConnectionOptions.Parse("cache");

        Assert.Equal(("cache", 6379, null, 5000.0, 5000.0),
            (options.Host, options.Port, options.Password, options.ConnectTimeout.TotalMilliseconds, options.SyncTimeout.TotalMilliseconds));
    }

    [Fact]
    public void Parse_Ipv6Literal_HostAndPortSeparated()
    {
        var options = RedisConnectionOptions.Parse("[::1]:7000");

        Assert.Equal(("::1", 7000), (options.Host, options.Port));
    }

    [Theory]
    [InlineData("127.0.0.1:abc", "port 'abc' is not a number")]
    [InlineData("127.0.0.1:70000", "port '70000'")]
    [InlineData("127.0.0.1:1,connectTimeout=soon", "connectTimeout='soon'")]
    [InlineData("127.0.0.1:1,syncTimeout=0", "syncTimeout='0'")]
    [InlineData("127.0.0.1:1,oops", "part 'oops' is not key=value")]
    [InlineData("password=x", "must start with host:port")]
    [InlineData(" ", "is empty")]
    [InlineData("127.0.0.1:1,ssl=true", "ssl=true is not supported")]
    public void Parse_BadPart_MessageNamesIt(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithPassword_Redacted()
    {
        Assert.Equal("127.0.0.1:1,password=*****", RedisConnectionOptions.Parse("127.0.0.1:1,password=secret").ToString());
    }
}
