using System.Globalization;
using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Monitoring.Hosting.Prometheus;

/// <summary>prometheus.yml generated from the model: its rule files and one job per target, written before each start.</summary>
internal static class PrometheusConfig
{
    public static string Create(PrometheusResource prometheus)
    {
        var seconds = ((int)prometheus.ScrapeInterval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var yaml = new StringBuilder()
            .Append("global:\n  scrape_interval: ").Append(seconds).Append("s\n  evaluation_interval: ").Append(seconds).Append("s\n");
        if (prometheus.RuleFiles.Count > 0)
        {
            yaml.Append("rule_files:\n");
            foreach (var file in prometheus.RuleFiles)
            {
                // Single-quoted YAML: a quote inside is doubled.
                yaml.Append("  - '").Append(file.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
            }
        }
        yaml.Append("scrape_configs:\n");
        foreach (var target in prometheus.ScrapeTargets)
        {
            // honor_labels keeps the job and instance labels services pushed to the Pushgateway.
            yaml.Append("  - job_name: '").Append(target.Resource.Name).Append("'\n")
                .Append("    honor_labels: true\n")
                .Append("    static_configs:\n")
                .Append("      - targets: ['127.0.0.1:").Append(target.Port.ToString(CultureInfo.InvariantCulture)).Append("']\n");
        }
        return yaml.ToString();
    }
}
