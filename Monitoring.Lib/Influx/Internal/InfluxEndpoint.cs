using System.Net.Http.Headers;
using System.Text;

namespace Monitoring.Lib.Influx.Internal;

/// <summary>
/// The write URL and credentials derived once from validated options, so no request rebuilds them (version 1); for
/// version 2 the InfluxDB.Client writer that sends the batches (<see cref="Client"/>) and the URL that logs name.
/// </summary>
internal sealed record InfluxEndpoint(Uri WriteUri, AuthenticationHeaderValue? Authorization, InfluxV2ClientWriter? Client = null)
{
    public static InfluxEndpoint From(InfluxOptions options, HttpMessageHandler handler)
    {
        var baseUrl = options.Url!.TrimEnd('/');
        if (options.Version == 1)
        {
            var query = new StringBuilder("db=").Append(Uri.EscapeDataString(options.Database!));
            if (!string.IsNullOrEmpty(options.RetentionPolicy))
            {
                query.Append("&rp=").Append(Uri.EscapeDataString(options.RetentionPolicy));
            }
            query.Append("&precision=ns");
            // Basic authentication rather than u/p query parameters: URLs end up in logs, headers do not.
            var basic = string.IsNullOrEmpty(options.User)
                ? null
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
            return new InfluxEndpoint(new Uri($"{baseUrl}/write?{query}"), basic);
        }
        var bucket = !string.IsNullOrEmpty(options.Bucket)
            ? options.Bucket
            : string.IsNullOrEmpty(options.RetentionPolicy) ? options.Database! : $"{options.Database}/{options.RetentionPolicy}";
        var token = !string.IsNullOrEmpty(options.Token)
            ? options.Token
            : string.IsNullOrEmpty(options.User) ? null : $"{options.User}:{options.Password}";
        // InfluxDB.Client builds the query and the Token header itself: the URL here is what logs show.
        return new InfluxEndpoint(
            new Uri($"{baseUrl}/api/v2/write"),
            null,
            // InfluxDB.Client insists on an org; 1.8's compatibility API ignores it, and its documentation says to pass "-".
            new InfluxV2ClientWriter(baseUrl, bucket, string.IsNullOrEmpty(options.Org) ? "-" : options.Org, token, options.RequestTimeout, handler));
    }

    /// <summary>The write URL without its query, the only form that is logged.</summary>
    public string Display { get; } = WriteUri.GetLeftPart(UriPartial.Path);

    // Records print their members; this one holds secrets.
    public override string ToString() => Display;
}
