namespace Lotgenoten.Web.Features.Account;

/// <summary>Return URLs are followed only when they stay on this site (no open redirects).</summary>
public static class LocalUrl
{
    /// <summary>True for "/path" and "~/path", false for "//host", "/\host", absolute URLs and control characters.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(char.IsControl))
        {
            return false;
        }

        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\');
        }

        return url.Length > 1 && url[0] == '~' && url[1] == '/'
            && (url.Length == 2 || (url[2] != '/' && url[2] != '\\'));
    }

    /// <summary><paramref name="url"/> when it is local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
