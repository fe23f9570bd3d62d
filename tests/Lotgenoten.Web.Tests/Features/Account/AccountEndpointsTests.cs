using System.Net;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Account;

public sealed class AccountEndpointsTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public AccountEndpointsTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Returns400AndKeepsSession()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        using var response = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent([]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var home = await client.GetAsync(new Uri("/overzicht", UriKind.Relative), Ct);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOut_WithToken_EndsTheSession()
    {
        using var client = _factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);
        var page = await client.GetStringAsync(new Uri("/overzicht", UriKind.Relative), Ct);
        var token = HttpResponseExtensions.AntiforgeryToken(page);

        using var response = await client.PostAsync(
            new Uri("/account/signout", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
            Ct);

        response.RedirectTarget().ShouldBe("/");
        using var after = await client.GetAsync(new Uri("/overzicht", UriKind.Relative), Ct);
        after.RedirectTarget().ShouldStartWith("/dev/signin");
    }

    [Theory]
    [InlineData("%2Foverzicht", "/dev/signin?returnUrl=%2Foverzicht")]
    [InlineData("https%3A%2F%2Fevil.example%2F", "/dev/signin?returnUrl=%2F")]
    public async Task SignIn_WhereDevSignInIsOn_GoesToDevSignIn(string returnUrl, string expected)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri($"/account/signin?returnUrl={returnUrl}", UriKind.Relative), Ct);

        response.RedirectTarget().ShouldBe(expected);
    }
}
