using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Security;

/// <summary>MudBlazor's CSS and JS are most of a page's weight: the routes the pages use must come back compressed.</summary>
public sealed partial class StaticAssetTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public StaticAssetTests(DevelopmentApp factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("MudBlazor.min.css", 200_000)]
    [InlineData("MudBlazor.min.js", 120_000)]
    public async Task Get_MudBlazorAssetAsReferencedByThePage_IsCompressed(string file, int maxBytes)
    {
        using var client = _factory.CreateNonRedirectingClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var href = AssetReference().Matches(html).Select(m => m.Groups["url"].Value)
            .Single(url => url.Contains("MudBlazor", StringComparison.Ordinal) && url.Contains(Path.GetExtension(file), StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + href.TrimStart('/'), UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldHaveSingleItem().ShouldBeOneOf("br", "gzip");
        (await response.Content.ReadAsByteArrayAsync(Ct)).Length.ShouldBeLessThan(maxBytes, "the bytes on the wire are really compressed");
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/favicon.svg")]
    public async Task Get_StaticAssetAnonymous_IsServed(string url)
    {
        using var client = _factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_BlazorScriptAnonymous_IsServed()
    {
        using var client = _factory.CreateNonRedirectingClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var src = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).Single(u => u.Contains("blazor.web", StringComparison.Ordinal));

        using var response = await client.GetAsync(new Uri("/" + src, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex(@"(?:href|src)=""(?<url>[^""]+\.(?:css|js))""")]
    private static partial Regex AssetReference();
}
