using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Monitoring.Hosting.Dashboard;

/// <summary>
/// Token login: the browser token (printed on the console) is exchanged once for a session cookie; every page and
/// API then needs that cookie. Both are compared in constant time so their length of match leaks nothing.
/// </summary>
internal sealed class DashboardAuth
{
    public const string CookieName = "dashboard-session";

    /// <summary>The header every POST must carry: a cross-site form cannot set it, so commands cannot be forged.</summary>
    public const string CommandHeader = "X-Dashboard-Command";

    private readonly byte[] _token;
    private readonly byte[] _session;

    public DashboardAuth(string? configuredToken)
    {
        Token = configuredToken ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _token = Encoding.UTF8.GetBytes(Token);
        SessionValue = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _session = Encoding.UTF8.GetBytes(SessionValue);
    }

    public string Token { get; }

    public string SessionValue { get; }

    public bool IsToken(string? candidate) => Matches(candidate, _token);

    public bool IsAuthenticated(HttpRequest request) => Matches(request.Cookies[CookieName], _session);

    public void SignIn(HttpResponse response) => response.Cookies.Append(CookieName, SessionValue, new CookieOptions
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    });

    private static bool Matches(string? candidate, byte[] expected) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expected);
}
