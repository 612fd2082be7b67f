namespace Monitoring.TestUtilities;

/// <summary>The <c>dotnet</c> executable that runs DevKafka.dll, as the host runs it.</summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // The dotnet CLI tells its children where it is; a test runner started otherwise finds it on PATH.
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(folder, "dotnet");
            if (File.Exists(candidate))
            {
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            }
        }
        throw new InvalidOperationException("dotnet was found neither in DOTNET_HOST_PATH nor on PATH.");
    }
}
