using System.Net;
using System.Net.Http.Json;
using Lotgenoten.Web.Features.Bench;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Bench;

/// <summary>The gate of the benchmark diagnostics: Development and <c>Bench:Diagnostics</c>, or nothing at all.</summary>
public sealed class BenchDiagnosticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_DiagnosticsOnOutsideDevelopment_Throws(string environment)
    {
        using var factory = new LotgenotenWebFactory(environment, new Dictionary<string, string?> { ["Bench:Diagnostics"] = "true" });

        var exception = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        exception.Message.ShouldContain("Bench:Diagnostics is true in the '" + environment + "' environment");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task Get_DiagnosticsOff_Returns404ForHeapAndMinimalPage(string? setting)
    {
        using var factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?> { ["Bench:Diagnostics"] = setting });
        using var client = factory.CreateNonRedirectingClient();

        // Signed in, so that an unmapped path is a plain 404 rather than the sign-in redirect every unknown path gets.
        using var signIn = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var heap = await client.GetAsync(new Uri(BenchOptions.HeapPath, UriKind.Relative), Ct);
        using var page = await client.GetAsync(new Uri(BenchOptions.EmptyPagePath, UriKind.Relative), Ct);

        heap.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("Lege pagina (meting)");
        html.ShouldContain("Pagina niet gevonden");
    }

    [Fact]
    public async Task Get_DiagnosticsOnInDevelopment_AnswersHeapAndMinimalPage()
    {
        using var factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?> { ["Bench:Diagnostics"] = "true" });
        using var client = factory.CreateNonRedirectingClient();

        var heap = await client.GetFromJsonAsync<BenchHeap>(new Uri(BenchOptions.HeapPath, UriKind.Relative), Ct);
        using var page = await client.GetAsync(new Uri(BenchOptions.EmptyPagePath, UriKind.Relative), Ct);

        heap.ShouldNotBeNull();
        heap.HeapBytes.ShouldBeGreaterThan(0);
        heap.Circuits.ShouldBe(0);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain(">Lege pagina (meting)</h1>");
    }
}
