using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lotgenoten.Web.Tests.Features.Security.Authorization;

namespace Lotgenoten.Web.Tests.Features.Security.Transport;

/// <summary>
/// Every GET route of the authorization matrix (<see cref="AuthorizationMatrix"/>: pages, .ics downloads, the calendar
/// feed, the API with and without keys), as every role: the answer is never stored by a browser or a proxy
/// (<c>Cache-Control: no-store</c>), whatever it is (the page, a redirect to sign in, a refusal, a 404), and no HTML the
/// app sends has inline script, which the Content-Security-Policy would block.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed partial class PersonalResponsesTests
{
    private readonly MatrixApp _app;

    public PersonalResponsesTests(MatrixApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> GetRows() => new(GetRowNames());

    /// <summary>The GET rows of the matrix (those that leave the role's session as it was).</summary>
    private static IEnumerable<string> GetRowNames() =>
        AuthorizationMatrix.Rows.Where(r => r.Method == "GET" && !r.NeedsOwnClient).Select(r => r.Name);

    [Theory]
    [MemberData(nameof(GetRows))]
    public async Task Get_EveryRole_NoStoreAndNoInlineScript(string rowName)
    {
        var row = AuthorizationMatrix.Rows.Single(r => r.Name == rowName);
        var path = _app.Fill(row.Sample);
        foreach (var role in Enum.GetValues<MatrixRole>())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            AddKey(request, row);
            using var response = await _app.Client(role).SendAsync(request, Ct);
            var because = $"{row.Name} as {role} ({(int)response.StatusCode})";

            CacheControl(response).ShouldContain("no-store", Case.Sensitive, because);
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync(Ct);
                InlineScript().Matches(html).Select(m => m.Value).ShouldBeEmpty(because);
                InlineHandler().Matches(html).Select(m => m.Value).ShouldBeEmpty(because);
            }
        }
    }

    [Fact]
    public void GetRows_CoverPagesDownloadsFeedsAndTheApi()
    {
        var names = GetRowNames().ToList();

        names.ShouldContain("GET /mijn");
        names.ShouldContain(n => n.StartsWith("GET /mijn/agenda/afspraak/", StringComparison.Ordinal));
        names.ShouldContain("GET /calendar/{feedToken}.ics");
        names.ShouldContain("GET /api/reports/annual/{year} (RightKey)");
        names.ShouldContain("GET /wachtlijst");
    }

    [Fact]
    public async Task Post_ReferralApi_AnswerIsNotStored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/referrals", UriKind.Relative))
        {
            Content = new StringContent(AuthorizationMatrix.ReferralJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", AuthorizationMatrix.HelplineKey);

        using var response = await _app.Client(MatrixRole.Anonymous).SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        CacheControl(response).ShouldBe("no-store");
    }

    [Fact]
    public async Task Get_StaticAsset_KeepsItsOwnCaching()
    {
        // The check above could fail: what the app does not mark itself (a static file) is cacheable.
        using var response = await _app.Client(MatrixRole.Anonymous).GetAsync(new Uri("/_content/MudBlazor/MudBlazor.min.css", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        CacheControl(response).ShouldNotContain("no-store");
    }

    private static void AddKey(HttpRequestMessage request, MatrixRow row)
    {
        var reports = row.Template.Contains("reports", StringComparison.Ordinal);
        switch (row.Variant)
        {
            case MatrixVariant.RightKey:
                request.Headers.Add("X-Api-Key", reports ? AuthorizationMatrix.ReportKey : AuthorizationMatrix.HelplineKey);
                break;
            case MatrixVariant.WrongScopeKey:
                request.Headers.Add("X-Api-Key", reports ? AuthorizationMatrix.HelplineKey : AuthorizationMatrix.ReportKey);
                break;
        }
    }

    private static string CacheControl(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Control", out var values) ? string.Join(", ", values) : "(none)";

    /// <summary>A script element without <c>src</c>, or one with a type other than a file's (import maps are inline too).</summary>
    [GeneratedRegex("""<script(?![^>]*\ssrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>An inline event handler attribute (<c>onclick="…"</c>) or a <c>javascript:</c> address.</summary>
    [GeneratedRegex("""<[^>]+\son[a-z]+\s*=|javascript:""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
