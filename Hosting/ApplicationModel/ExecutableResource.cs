namespace Monitoring.Hosting.ApplicationModel;

/// <summary>A resource run as a local process, one per replica.</summary>
public class ExecutableResource : Resource
{
    /// <summary>Creates an executable resource.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="command">The program: an absolute path, or a name looked up on PATH.</param>
    /// <param name="workingDirectory">The working directory; null runs it in the replica's state folder.</param>
    public ExecutableResource(string name, string command, string? workingDirectory = null)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        Command = command;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The program the process runs.</summary>
    public string Command { get; }

    /// <summary>The working directory; null means the replica's state folder.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>
    /// The Debian package that provides <see cref="Command"/>, named in the error when it is missing; null when
    /// the program is not a Debian package's.
    /// </summary>
    public string? DebianPackage { get; init; }

    /// <summary>True when nothing is started for this resource (it points at something that already runs).</summary>
    public virtual bool IsExternal => false;

    /// <summary>Checks, before starting, that the program can run; returns why not, or null when it can.</summary>
    public virtual string? CheckRunnable()
    {
        if (!Path.IsPathRooted(Command) || File.Exists(Command))
        {
            return null;
        }
        return DebianPackage is null
            ? $"{Command} not found."
            : $"{Command} not found: install the Debian package '{DebianPackage}' (eng/install-prerequisites.sh does).";
    }
}
