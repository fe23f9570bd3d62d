using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace Lotgenoten.Web.Tests.Features.Account;

/// <summary>
/// Every page of the app, found through its <c>@page</c> attribute, so that a page added later is covered without
/// touching this file: without <c>[AllowAnonymous]</c> an anonymous visitor is sent to the right sign-in.
/// </summary>
public sealed partial class PageAuthorizationTests : IClassFixture<PageAuthorizationTests.Host>
{
    private readonly Host _host;

    public PageAuthorizationTests(Host host) => _host = host;

    public sealed class Host : IDisposable
    {
        public LotgenotenWebFactory Development { get; } = new();

        public LotgenotenWebFactory Production { get; } = new("Production");

        public void Dispose()
        {
            Development.Dispose();
            Production.Dispose();
        }
    }

    /// <summary>Every protected page route: (route to request, sign-in path an anonymous visitor must land on).</summary>
    public static TheoryData<string, string> ProtectedPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (route, page) in Pages().Where(p => p.Page.GetCustomAttribute<AllowAnonymousAttribute>() is null))
        {
            data.Add(route, IsParticipantPage(page) ? AuthenticationSetup.ParticipantSignInPath : "staff");
        }

        return data;
    }

    public static TheoryData<string> AnonymousPages()
    {
        var data = new TheoryData<string>();
        foreach (var (route, _) in Pages().Where(p => p.Page.GetCustomAttribute<AllowAnonymousAttribute>() is not null))
        {
            data.Add(route);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task Get_Anonymous_RedirectsToSignIn(string route, string signIn)
    {
        using var client = _host.Development.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative), TestContext.Current.CancellationToken);

        // Development has no Entra ID: staff are sent to the development sign-in there.
        var expected = signIn == "staff" ? "/dev/signin" : signIn;
        response.RedirectTarget().ShouldBe($"{expected}?returnUrl={Uri.EscapeDataString(route)}");
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task Get_AnonymousInProduction_RedirectsToEntraSignIn(string route, string signIn)
    {
        using var client = _host.Production.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative), TestContext.Current.CancellationToken);

        var expected = signIn == "staff" ? AuthenticationSetup.StaffSignInPath : signIn;
        response.RedirectTarget().ShouldBe($"{expected}?returnUrl={Uri.EscapeDataString(route)}");
    }

    [Fact]
    public void ProtectedPages_IncludeStaffAndParticipantPages()
    {
        var pages = ProtectedPages().Select(row => row.Data.Item2).ToList();

        pages.ShouldContain("staff");
        pages.ShouldContain(AuthenticationSetup.ParticipantSignInPath);
    }

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task Get_AnonymousPage_IsNotRedirectedToSignIn(string route)
    {
        using var client = _host.Development.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative), TestContext.Current.CancellationToken);

        if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect)
        {
            response.RedirectTarget().ShouldNotStartWith("/dev/signin");
            response.RedirectTarget().ShouldNotStartWith(AuthenticationSetup.ParticipantSignInPath);
        }
    }

    [Fact]
    public async Task Get_UnknownUrlAnonymous_RevealsNothing()
    {
        using var client = _host.Development.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/does-not-exist", UriKind.Relative), TestContext.Current.CancellationToken);

        // Deny by default: an anonymous visitor cannot tell an existing page from a missing one.
        response.RedirectTarget().ShouldStartWith("/dev/signin");
    }

    private static bool IsParticipantPage(Type page) =>
        page.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy == Policies.Participant);

    private static IEnumerable<(string Route, Type Page)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>().Select(route => (Route: Concrete(route.Template), Page: type)))
            .OrderBy(p => p.Route, StringComparer.Ordinal);

    /// <summary>Fills route parameters with a plausible value: "/groepen/{id:guid}" → "/groepen/0000…".</summary>
    private static string Concrete(string template) =>
        RouteParameter().Replace(template, match => match.Groups["constraint"].Value switch
        {
            "guid" => Guid.Empty.ToString(),
            "int" or "long" => "1",
            "datetime" => "2026-01-01",
            "bool" => "true",
            _ => "x",
        });

    [GeneratedRegex(@"\{\*{0,2}[A-Za-z0-9_]+(?::(?<constraint>[a-z]+))?[^}]*\}")]
    private static partial Regex RouteParameter();
}
