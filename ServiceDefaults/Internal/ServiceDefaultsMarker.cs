namespace MonitoringStack.ServiceDefaults.Internal;

/// <summary>Registered by <c>AddServiceDefaults()</c> so a second call adds nothing.</summary>
internal sealed class ServiceDefaultsMarker;
