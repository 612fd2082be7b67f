namespace Monitoring.Hosting.Proxy;

/// <summary>One replica behind a front address.</summary>
/// <param name="Port">Its loopback port.</param>
/// <param name="IsLive">True when its process runs (Running or Healthy); only live replicas get new connections.</param>
public readonly record struct FrontTarget(int Port, bool IsLive);
