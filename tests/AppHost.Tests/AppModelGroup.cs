namespace Monitoring.AppHost.Tests;

/// <summary>Every test of the running app model shares one start of it.</summary>
[CollectionDefinition(Name)]
public sealed class AppModelGroup : ICollectionFixture<AppModelFixture>
{
    public const string Name = "app model";
}
