namespace MonitoringStack.ServiceDefaults.Tests;

/// <summary>Not run beside other tests: they change what is one for the whole process (the console, the exit code).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleGroup
{
    public const string Name = "console";
}
