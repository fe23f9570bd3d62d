using System.Net;
using System.Text.RegularExpressions;

namespace Lotgenoten.Web.Tests.Infrastructure;

internal static partial class HttpResponseExtensions
{
    /// <summary>The redirect target as a path and query, whether the server sent it absolute or relative.</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.SeeOther);
        var location = response.Headers.Location.ShouldNotBeNull();
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    /// <summary>The absolute redirect target, resolved against the test server.</summary>
    public static Uri RedirectUri(this HttpResponseMessage response)
    {
        var location = response.Headers.Location.ShouldNotBeNull();
        return location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
    }

    public static IEnumerable<string> SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryInput().Match(html);
        match.Success.ShouldBeTrue("the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    /// <summary>The text of the page's h1.</summary>
    public static string H1(string html)
    {
        var match = H1Element().Match(html);
        match.Success.ShouldBeTrue("the page has no h1");
        return WebUtility.HtmlDecode(match.Groups["text"].Value).Trim();
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("""<h1[^>]*>(?<text>[^<]*)</h1>""")]
    private static partial Regex H1Element();
}
