using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Security.Authorization;

/// <summary>
/// One test per cell of <see cref="AuthorizationMatrix"/>: every route × every role, with the exact answer. This is the
/// HTTP surface: pages as the server prerenders them, and the endpoints. What a page does after it becomes interactive
/// (a button, a dialog, an event with another group's id) goes through the feature services, whose own tests check the
/// caller's right on every method (e.g. Groups/GroupServiceTests, Attendance, Meetings, Notes, Dashboard).
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed partial class AuthorizationMatrixTests
{
    private const string AccessDeniedH1 = "Geen toegang";

    /// <summary>The h1 of the pages' own "not found" states (nl): an object that is not there, or not the caller's to see.</summary>
    private static readonly string[] NotFoundH1s =
        ["Pagina niet gevonden", "Bijeenkomst niet gevonden", "Deze groep bestaat niet (meer).", "Deze groep bestaat niet."];

    private readonly MatrixApp _app;

    public AuthorizationMatrixTests(MatrixApp app) => _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, MatrixRole> Cells()
    {
        var data = new TheoryData<string, MatrixRole>();
        foreach (var row in AuthorizationMatrix.Rows)
        {
            foreach (var role in Enum.GetValues<MatrixRole>())
            {
                data.Add(row.Name, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Request_RoleOnRoute_AnswersAsTheMatrixSays(string rowName, MatrixRole role)
    {
        var row = AuthorizationMatrix.Rows.Single(r => r.Name == rowName);
        var expected = row.Answers[role];
        var path = _app.Fill(row.Sample);

        // A request that may end or change the session or its cookies (sign-out, language) gets a client of its own.
        using var own = row.NeedsOwnClient ? await _app.SignInAsync(role, Ct) : null;
        var client = own ?? _app.Client(role);
        using var request = await RequestAsync(row, role, client, path);
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        var because = $"{row.Name} as {role}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location} h1 \"{H1(body)}\"";
        switch (expected)
        {
            case Answer.Ok:
                response.StatusCode.ShouldBe(HttpStatusCode.OK, because);
                if (IsHtml(response))
                {
                    H1(body).ShouldNotBeNull(because);
                    H1(body).ShouldNotBe(AccessDeniedH1, because);
                    NotFoundH1s.ShouldNotContain(H1(body), because);
                }

                break;
            case Answer.SignInStaff:
                Location(response, because).ShouldBe($"/dev/signin?returnUrl={Uri.EscapeDataString(path)}", because);
                break;
            case Answer.SignInParticipant:
                Location(response, because).ShouldBe($"/deelnemer/aanmelden?returnUrl={Uri.EscapeDataString(path)}", because);
                break;
            case Answer.DeniedRedirect:
                Location(response, because).ShouldBe($"/geen-toegang?returnUrl={Uri.EscapeDataString(path)}", because);
                break;
            case Answer.DeniedPage:
                response.StatusCode.ShouldBe(HttpStatusCode.OK, because);
                H1(body).ShouldBe(AccessDeniedH1, because);
                break;
            case Answer.NotFoundPage:
                response.StatusCode.ShouldBe(HttpStatusCode.OK, because);
                NotFoundH1s.ShouldContain(H1(body), because);
                break;
            case Answer.Forbidden:
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, because);
                break;
            case Answer.NotFound:
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, because);
                break;
            case Answer.Unauthorized:
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, because);
                break;
            case Answer.BadRequest:
                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, because);
                break;
            case Answer.Created:
                response.StatusCode.ShouldBe(HttpStatusCode.Created, because);
                break;
            case Answer.Redirect:
                Location(response, because).ShouldBe(_app.Fill(row.RedirectTo.ShouldNotBeNull()), because);
                break;
            default:
                throw new InvalidOperationException($"No check for {expected}.");
        }
    }

    [Fact]
    public void Rows_EachNameOnceAndEveryRoleAnswered()
    {
        AuthorizationMatrix.Rows.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        foreach (var row in AuthorizationMatrix.Rows)
        {
            row.Answers.Keys.Order().ToArray().ShouldBe(Enum.GetValues<MatrixRole>(), $"{row.Name} answers every role");
            (row.RedirectTo is not null).ShouldBe(row.Answers.Values.Contains(Answer.Redirect), $"{row.Name}: RedirectTo goes with Answer.Redirect");
        }
    }

    /// <summary>
    /// Object level: a facilitator of another group never gets the sample group's page data, whichever way the id is
    /// put in the address (the group's own routes, the group's meeting under her own group's id, the dashboard's list).
    /// The group's own facilitator does, so that the check could fail.
    /// </summary>
    [Theory]
    [InlineData("/groepen/{group}")]
    [InlineData("/groepen/{group}/planning")]
    [InlineData("/groepen/{group}/bijeenkomsten/{meeting}")]
    [InlineData("/groepen/{otherGroup}/bijeenkomsten/{meeting}")]
    [InlineData("/groepen/{group}/bijeenkomsten/{otherMeeting}")]
    [InlineData("/dashboard/lijst?list=Meetings&group={group}")]
    public async Task Get_OtherFacilitator_NeverSeesTheGroupsData(string sample)
    {
        var path = _app.Fill(sample);

        using var response = await _app.Client(MatrixRole.OtherFacilitator).GetAsync(new Uri(path, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        html.ShouldNotContain(_app.GroupName, Case.Sensitive, $"{path} shows the group's name to a facilitator of another group");
        foreach (var theme in MatrixApp.GroupThemes)
        {
            html.ShouldNotContain(theme, Case.Sensitive, $"{path} shows a meeting theme of the group");
        }
    }

    [Theory]
    [InlineData("/groepen/{group}")]
    [InlineData("/groepen/{group}/planning")]
    [InlineData("/dashboard/lijst?list=Meetings&group={group}")]
    public async Task Get_OwnFacilitator_SeesTheGroupsName(string sample)
    {
        using var response = await _app.Client(MatrixRole.Facilitator).GetAsync(new Uri(_app.Fill(sample), UriKind.Relative), Ct);

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(_app.GroupName);
    }

    private async Task<HttpRequestMessage> RequestAsync(MatrixRow row, MatrixRole role, HttpClient client, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(path, UriKind.Relative));
        if (row.Method == "POST")
        {
            if (row.Template.StartsWith("/api/", StringComparison.Ordinal))
            {
                request.Content = new StringContent(AuthorizationMatrix.ReferralJson, Encoding.UTF8, "application/json");
            }
            else
            {
                var fields = new List<KeyValuePair<string, string>>();
                if (row.Variant == MatrixVariant.WithAntiforgery)
                {
                    fields.Add(new("__RequestVerificationToken", await AntiforgeryTokenAsync(role, client)));
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
        }

        switch (row.Variant)
        {
            case MatrixVariant.RightKey:
                request.Headers.Add("X-Api-Key", row.Template.Contains("reports", StringComparison.Ordinal) ? AuthorizationMatrix.ReportKey : AuthorizationMatrix.HelplineKey);
                break;
            case MatrixVariant.WrongScopeKey:
                request.Headers.Add("X-Api-Key", row.Template.Contains("reports", StringComparison.Ordinal) ? AuthorizationMatrix.HelplineKey : AuthorizationMatrix.ReportKey);
                break;
        }

        return request;
    }

    /// <summary>The antiforgery token of a page with a form that this role can open (and the antiforgery cookie with it).</summary>
    private static async Task<string> AntiforgeryTokenAsync(MatrixRole role, HttpClient client)
    {
        var page = role switch
        {
            MatrixRole.Anonymous => "/deelnemer/aanmelden",
            MatrixRole.Participant => "/mijn/account",
            _ => "/",
        };
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative), Ct);
        return HttpResponseExtensions.AntiforgeryToken(html);
    }

    private static string Location(HttpResponseMessage response, string because)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, because);
        var location = response.Headers.Location.ShouldNotBeNull(because);
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static bool IsHtml(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "text/html";

    private static string? H1(string html)
    {
        var match = H1Element().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    [GeneratedRegex("""<h1[^>]*>(?<text>[^<]*)</h1>""")]
    private static partial Regex H1Element();
}
