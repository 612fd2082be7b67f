namespace Monitoring.Hosting.Internal;

/// <summary>The .NET programs this library runs (DevKafka, the metrics cache's front), from the referencing app's output folder.</summary>
internal static class DotnetProgram
{
    /// <summary>The <c>dotnet</c> host that runs this process, so the programs run on the same runtime.</summary>
    public static string Host => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The full path of <paramref name="assembly"/><c>.dll</c> beside this library.</summary>
    /// <exception cref="FileNotFoundException">It is not there: the referencing project did not build it.</exception>
    public static string Dll(string assembly)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{assembly}.dll is not in {AppContext.BaseDirectory}: build the solution (it is a project reference of Monitoring.Hosting).", dll);
    }
}
