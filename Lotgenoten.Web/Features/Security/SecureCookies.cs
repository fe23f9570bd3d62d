namespace Lotgenoten.Web.Features.Security;

/// <summary>
/// The names and the <c>Secure</c> policy of the app's own cookies (staff and participant sign-in, antiforgery, language).
/// Outside Development every one is <c>Secure</c>, host-only and on path <c>/</c>, and carries the <c>__Host-</c> prefix,
/// so that the browser refuses it when it was set over plain http, by a subdomain or for another path.
/// Development keeps the plain names without <c>Secure</c>: it runs on http://localhost, where a <c>__Host-</c> cookie
/// (which must be <c>Secure</c>) would not be sent back by every client (test clients and older browsers).
/// </summary>
public static class SecureCookies
{
    public const string HostPrefix = "__Host-";

    /// <summary>Whether cookies are <c>Secure</c> and <c>__Host-</c> prefixed: everywhere but Development.</summary>
    public static bool IsHostOnly(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !environment.IsDevelopment();
    }

    /// <summary>
    /// The cookie's name in this environment: <paramref name="developmentName"/> in Development, otherwise the same name
    /// without its leading dot behind the <c>__Host-</c> prefix (<c>.Lotgenoten.Staff</c> → <c>__Host-Lotgenoten.Staff</c>).
    /// </summary>
    public static string Name(string developmentName, IHostEnvironment environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(developmentName);
        return IsHostOnly(environment) ? HostPrefix + developmentName.TrimStart('.') : developmentName;
    }

    /// <summary><see cref="CookieSecurePolicy.Always"/> outside Development; as the request in Development (plain http).</summary>
    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        IsHostOnly(environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
