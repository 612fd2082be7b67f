namespace Monitoring.Hosting.ApplicationModel;

/// <summary>A piece of metadata attached to a resource (endpoints, environment, health checks, dependencies).</summary>
public interface IResourceAnnotation;
