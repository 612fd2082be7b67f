namespace Monitoring.Hosting.ApplicationModel;

/// <summary>A resource others reach through a connection string, injected as <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>
    /// The connection string. Resolved when a dependent starts, so resources whose address is only known once they
    /// run (a broker's bootstrap list) are asked then; WaitFor makes sure they are up.
    /// </summary>
    Task<string> GetConnectionStringAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the connection string holds a secret (a password): it is masked wherever shown. Default false.</summary>
    bool ConnectionStringHasSecret => false;
}
