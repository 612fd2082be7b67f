namespace Monitoring.ServiceDefaults.Tests;

/// <summary>Not run beside other tests: they redirect the process's console, which is one for the whole process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleGroup
{
    public const string Name = "console";
}
