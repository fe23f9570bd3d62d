using System.Net;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features;

public sealed class StatusPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ErrorPage_InProduction_IsNeutralAndShowsNoDetails()
    {
        using var factory = new LotgenotenWebFactory("Production");
        using var client = factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/error", UriKind.Relative), Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        HttpResponseExtensions.H1(html).ShouldBe("Er ging iets mis");
        html.ShouldNotContain("Request ID");
        html.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task UnknownPage_SignedIn_Returns404WithNeutralPage()
    {
        using var factory = new LotgenotenWebFactory();
        using var client = factory.CreateNonRedirectingClient();
        using var _ = await client.GetAsync(new Uri("/dev/signin?user=facilitator", UriKind.Relative), Ct);

        using var response = await client.GetAsync(new Uri("/bestaat-niet", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        HttpResponseExtensions.H1(await response.Content.ReadAsStringAsync(Ct)).ShouldBe("Pagina niet gevonden");
    }

    [Fact]
    public async Task Landing_Anonymous_SaysNothingAboutTheSubject()
    {
        using var factory = new LotgenotenWebFactory();
        using var client = factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        HttpResponseExtensions.H1(html).ShouldBe("Lotgenoten");
        foreach (var word in new[] { "Stop it", "seksu", "kinder", "minderjarig", "misbruik", "hulplijn" })
        {
            html.ShouldNotContain(word, Case.Insensitive);
        }

        html.ShouldContain("href=\"/deelnemer/aanmelden\"");
        html.ShouldContain("href=\"/dev/signin\"");
    }
}
