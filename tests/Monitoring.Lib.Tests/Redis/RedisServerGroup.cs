namespace Monitoring.Lib.Tests.Redis;

/// <summary>The collection sharing one redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis-server";
}
