namespace Monitoring.TestUtilities;

/// <summary>A per-fixture state folder (config, data) under the system temp folder, deleted on dispose.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "monitoring-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that is still flushing may hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
