namespace Monitoring.Hosting.ApplicationModel;

/// <summary>Marks a resource whose connection string may hold a secret (a password): it is masked when shown.</summary>
public interface ISecretConnectionString : IResourceWithConnectionString;
