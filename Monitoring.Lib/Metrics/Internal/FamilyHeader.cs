using System.Text;

namespace Monitoring.Lib.Metrics.Internal;

/// <summary>The pre-encoded bytes a family writes for every exposition: its name and its HELP/TYPE lines.</summary>
internal sealed class FamilyHeader
{
    public FamilyHeader(string name, string help, string type)
    {
        Name = name;
        Help = help;
        NameBytes = Encoding.UTF8.GetBytes(name);
        Lines = Encoding.UTF8.GetBytes($"# HELP {name} {TextEncoding.EscapeHelp(help)}\n# TYPE {name} {type}\n");
    }

    public string Name { get; }

    public string Help { get; }

    public byte[] NameBytes { get; }

    public byte[] Lines { get; }

    public byte[] Suffixed(string suffix) => Encoding.UTF8.GetBytes(Name + suffix);
}
