namespace Monitoring.Hosting.ApplicationModel;

/// <summary>A named part of the application model: a process to run, a parameter, or an external service.</summary>
public interface IResource
{
    /// <summary>The unique name of the resource, as shown and as used in configuration keys.</summary>
    string Name { get; }

    /// <summary>The metadata that describes how the resource runs and how others reach it.</summary>
    IList<IResourceAnnotation> Annotations { get; }
}
