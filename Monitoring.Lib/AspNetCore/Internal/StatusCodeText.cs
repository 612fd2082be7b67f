using System.Globalization;

namespace Monitoring.Lib.AspNetCore.Internal;

/// <summary>Status codes as text, made once, so an error point's <c>error_code</c> costs no string per request.</summary>
internal static class StatusCodeText
{
    private static readonly string[] Texts = Enumerable.Range(0, 600).Select(code => code.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Of(int statusCode) => (uint)statusCode < (uint)Texts.Length
        ? Texts[statusCode]
        : statusCode.ToString(CultureInfo.InvariantCulture);
}
