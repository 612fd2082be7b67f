using System.Reflection;

namespace MonitoringStack.SampleWebProducer.Tests;

/// <summary>
/// The producer's keys against docs/configuration.md. The template's documentation tests hold the library's keys to the
/// page; the samples' <c>Forms</c> section is read here, where its settings class is.
/// </summary>
public sealed class ConfigurationPageTests
{
    [Fact]
    public void ConfigurationPage_EveryKeyOfFormsProducerOptions_HasARow()
    {
        var page = File.ReadAllLines(FindPage());
        var keys = typeof(FormsProducerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"{FormsProducerOptions.SectionName}:{p.Name}");

        var missing = keys.Where(key => !page.Any(line => line.StartsWith($"| `{key}`", StringComparison.Ordinal)));

        Assert.Empty(missing);
    }

    // The test runs from its bin folder, inside the repository (or the solution made from the template).
    private static string FindPage()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var page = Path.Combine(folder.FullName, "docs", "configuration.md");
            if (File.Exists(page))
            {
                return page;
            }
        }
        throw new FileNotFoundException($"No docs/configuration.md above {AppContext.BaseDirectory}.");
    }
}
