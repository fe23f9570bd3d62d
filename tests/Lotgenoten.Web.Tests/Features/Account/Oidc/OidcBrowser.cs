using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Lotgenoten.Web.Tests.Features.Account.Oidc;

/// <summary>
/// What a browser does in the sign-in, by hand: it keeps the app's cookies, sends requests for <c>https://localhost</c>
/// to the app's test server and all others to the provider over real HTTP, and follows no redirect by itself.
/// </summary>
internal sealed partial class OidcBrowser : IDisposable
{
    private readonly HttpClient _app;
    private readonly HttpClient _provider;

    public OidcBrowser(StaffOidcApp factory, TestOpenIdProvider provider)
    {
        Cookies = new CookieContainer();
        _app = factory.CreateDefaultClient(StaffOidcApp.BaseAddress, new CookieContainerHandler(Cookies));
        _provider = new HttpClient(provider.CreateTrustingHandler());
    }

    /// <summary>The app's cookies (the provider sets none that matter here).</summary>
    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string uri, CancellationToken ct) => GetAsync(Absolute(uri), ct);

    public Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken ct) => ClientFor(uri).GetAsync(uri, ct);

    public async Task<HttpResponseMessage> PostFormAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await ClientFor(uri).PostAsync(uri, content, ct);
    }

    /// <summary>
    /// The app's sign-in to the end: <c>/account/signin</c> → the provider's authorization endpoint (the person picks the
    /// account <paramref name="loginHint"/>) → the provider's <c>form_post</c> back to the app's callback. Returns the app's
    /// answer to the callback (a redirect to <paramref name="returnUrl"/> when all went well).
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string loginHint, string returnUrl, Uri authority, CancellationToken ct)
    {
        var (action, fields) = await AuthorizeAsync(loginHint, returnUrl, authority, ct);
        return await PostFormAsync(action, fields, ct);
    }

    /// <summary>The sign-in up to the provider's answer: the <c>form_post</c> the browser would send to the app.</summary>
    public async Task<(Uri Action, List<KeyValuePair<string, string>> Fields)> AuthorizeAsync(
        string loginHint, string returnUrl, Uri authority, CancellationToken ct)
    {
        using var start = await GetAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", ct);
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = start.Headers.Location.ShouldNotBeNull();
        authorize.GetLeftPart(UriPartial.Path).ShouldBe($"{authority}/oauth2/authorize");

        using var approved = await GetAsync(new Uri($"{authorize}&login_hint={Uri.EscapeDataString(loginHint)}"), ct);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, authorize.Query);
        var (action, fields) = FormPost(await approved.Content.ReadAsStringAsync(ct));
        action.ShouldBe(new Uri(StaffOidcApp.BaseAddress, "signin-oidc"));
        fields.ShouldContain(f => f.Key == "code");
        return (action, fields);
    }

    public void Dispose()
    {
        _app.Dispose();
        _provider.Dispose();
    }

    private static Uri Absolute(string uri) => new(StaffOidcApp.BaseAddress, uri);

    private HttpClient ClientFor(Uri uri) => uri.Host == StaffOidcApp.BaseAddress.Host ? _app : _provider;

    /// <summary>The target and hidden fields of a <c>response_mode=form_post</c> page.</summary>
    private static (Uri Action, List<KeyValuePair<string, string>> Fields) FormPost(string html)
    {
        var action = FormAction().Match(html);
        action.Success.ShouldBeTrue("the provider's answer is not a form_post page");
        var fields = HiddenInput().Matches(html)
            .Select(m => new KeyValuePair<string, string>(
                WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .ToList();
        return (new Uri(WebUtility.HtmlDecode(action.Groups["action"].Value)), fields);
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
