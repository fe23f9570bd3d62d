using static Lotgenoten.Web.Tests.Features.Security.Authorization.Answer;

namespace Lotgenoten.Web.Tests.Features.Security.Authorization;

/// <summary>
/// THE authorization matrix of the portal's HTTP surface: every page route and endpoint (RouteInventoryTests fails when
/// the app has one without a row, or a row names one the app does not have) × every role, with the exact answer.
/// Columns, always in this order: anonymous, participant, counsellor, facilitator of the sample group, facilitator of
/// another group, coordinator, lead (coordinator + facilitator, not of the sample group).
/// Sample placeholders ({group}, {meeting}, …) are filled by <see cref="MatrixApp"/>.
/// Every page row also gets a POST row without an antiforgery token (<see cref="Page"/>): the sign-in and access-denied
/// redirects come first, everything else is 400 — a page never handles a form post without the token. (A participant's
/// 403 on a staff page is a 400 there too: the token is checked before the staff cookie's challenge turns into 403; with
/// a valid token the participant still gets 403, see the /wachtlijst row.)
/// Read against DOMAIN.md "Who may do what": Allowed cells there are Ok here; everything else is one of the refusals.
/// </summary>
public static class AuthorizationMatrix
{
    /// <summary>The development key with scope Referrals.Submit (README).</summary>
    public const string HelplineKey = "dev-helpline-key";

    /// <summary>The development key with scope Reports.Read (README).</summary>
    public const string ReportKey = "dev-report-key";

    /// <summary>A valid referral for the API (README's example).</summary>
    public const string ReferralJson = """
        {"channel":"Phone","relation":"Partner","concern":"AbuseImages","language":"nl","region":"BE-VOV","format":"Either",
         "availability":[{"day":"Tuesday","part":"Evening"}],"email":null,"contactPreference":"Code",
         "consent":{"given":true,"noticeVersion":"2026-01"},"remark":null}
        """;

    /// <summary>
    /// Endpoints the framework maps, which this table does not drive (Blazor's circuit hub and its helpers; the
    /// WebSocket origin check is a test of its own). Listed so that the inventory still notices a new one.
    /// </summary>
    public static IReadOnlyList<string> FrameworkEndpoints { get; } =
    [
        "GET /_framework/opaque-redirect",
        "* /_blazor",
        "* /_blazor/negotiate",
        "* /_blazor/disconnect/",
        "* /_blazor/initializers/",
    ];

    public static IReadOnlyList<MatrixRow> Rows { get; } = Build();

    private static List<MatrixRow> Build()
    {
        List<MatrixRow> rows = [];

        // ---- Pages anyone may open
        rows.AddRange(Page("/", "/", A(Ok, Redirect, Ok, Ok, Ok, Ok, Ok), redirectTo: "/mijn"));
        rows.AddRange(Page("/error", "/error", A(Ok, Ok, Ok, Ok, Ok, Ok, Ok)));
        rows.AddRange(Page("/not-found", "/not-found", A(NotFoundPage, NotFoundPage, NotFoundPage, NotFoundPage, NotFoundPage, NotFoundPage, NotFoundPage)));
        rows.AddRange(Page("/dev/signin", "/dev/signin", A(Ok, Ok, Ok, Ok, Ok, Ok, Ok)));
        rows.Add(Get("/dev/signin", "/dev/signin?user=nobody", A(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound)));
        rows.AddRange(Page("/deelnemer/aanmelden", "/deelnemer/aanmelden", A(Ok, Ok, Ok, Ok, Ok, Ok, Ok)));
        rows.AddRange(Page("/uitnodiging", "/uitnodiging", A(Ok, Ok, Ok, Ok, Ok, Ok, Ok)));
        rows.AddRange(Page("/uitnodiging/{Token}", "/uitnodiging/onbekende-code", A(Ok, Ok, Ok, Ok, Ok, Ok, Ok)));
        rows.AddRange(Page("/tot-ziens", "/tot-ziens", A(Ok, Ok, Ok, Ok, Ok, Ok, Ok)));

        // The benchmark's minimal page (bench/circuits.sh): 404 unless Bench:Diagnostics is on in Development. (Its
        // /_bench/heap is not mapped at all unless switched on, so it has no row.)
        rows.AddRange(Page("/_bench/leeg", "/_bench/leeg", A(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound)));

        // ---- Any signed-in user (the fallback policy); the page is the access-denied content itself
        rows.AddRange(Page("/geen-toegang", "/geen-toegang", A(SignInStaff, DeniedPage, DeniedPage, DeniedPage, DeniedPage, DeniedPage, DeniedPage)));

        // ---- Staff pages
        rows.AddRange(Page("/overzicht", "/overzicht", A(SignInStaff, Forbidden, Ok, Ok, Ok, Ok, Ok)));
        // Groups are for coordinators and facilitators (DOMAIN.md): a counsellor is refused before anything renders.
        rows.AddRange(Page("/groepen", "/groepen", A(SignInStaff, Forbidden, DeniedRedirect, Ok, Ok, Ok, Ok)));
        rows.AddRange(Page("/groepen/{GroupId:guid}", "/groepen/{group}", A(SignInStaff, Forbidden, DeniedPage, Ok, DeniedPage, Ok, Ok)));
        rows.AddRange(Page("/groepen/{GroupId:guid}/planning", "/groepen/{group}/planning", A(SignInStaff, Forbidden, DeniedPage, Ok, DeniedPage, Ok, Ok)));
        rows.AddRange(Page("/groepen/{GroupId:guid}/bijeenkomsten/{MeetingId:guid}", "/groepen/{group}/bijeenkomsten/{meeting}",
            A(SignInStaff, Forbidden, DeniedPage, Ok, NotFoundPage, Ok, Ok)));

        // The meeting of the sample group under another group's id (the other facilitator's own group): never the meeting.
        rows.Add(Get("/groepen/{GroupId:guid}/bijeenkomsten/{MeetingId:guid}", "/groepen/{otherGroup}/bijeenkomsten/{meeting}",
            A(SignInStaff, Forbidden, DeniedPage, NotFoundPage, NotFoundPage, NotFoundPage, NotFoundPage)));
        rows.AddRange(Page("/opvolging", "/opvolging", A(SignInStaff, Forbidden, DeniedPage, Ok, Ok, Ok, Ok)));
        rows.AddRange(Page("/agenda", "/agenda", A(SignInStaff, Forbidden, DeniedRedirect, Ok, Ok, DeniedRedirect, Ok)));
        rows.AddRange(Page("/dashboard", "/dashboard", A(SignInStaff, Forbidden, DeniedRedirect, Ok, Ok, Ok, Ok)));

        rows.AddRange(Page("/dashboard/lijst", "/dashboard/lijst", A(SignInStaff, Forbidden, DeniedRedirect, Ok, Ok, Ok, Ok)));
        rows.Add(Get("/dashboard/lijst", "/dashboard/lijst?list=Meetings&group={group}", A(SignInStaff, Forbidden, DeniedRedirect, Ok, Ok, Ok, Ok)));

        // Referrals: counsellors see their own, coordinators all, facilitators none.
        rows.AddRange(Page("/doorverwijzen", "/doorverwijzen", A(SignInStaff, Forbidden, Ok, DeniedPage, DeniedPage, Ok, Ok)));
        rows.AddRange(Page("/doorverwijzingen", "/doorverwijzingen", A(SignInStaff, Forbidden, Ok, DeniedPage, DeniedPage, Ok, Ok)));
        rows.AddRange(Page("/doorverwijzingen/{ReferralId:guid}", "/doorverwijzingen/{referral}", A(SignInStaff, Forbidden, Ok, DeniedPage, DeniedPage, Ok, Ok)));
        rows.Add(Get("/doorverwijzingen/{ReferralId:guid}", "/doorverwijzingen/{otherReferral}", A(SignInStaff, Forbidden, DeniedPage, DeniedPage, DeniedPage, Ok, Ok)));

        // Coordinators only.
        foreach (var (template, sample) in new[]
                 {
                     ("/wachtlijst", "/wachtlijst"), ("/auditlog", "/auditlog"), ("/berichten", "/berichten"), ("/zorgmeldingen", "/zorgmeldingen"),
                     ("/cijfers", "/cijfers"), ("/cijfers/{Year:int}", "/cijfers/{year}"),
                 })
        {
            rows.AddRange(Page(template, sample, A(SignInStaff, Forbidden, DeniedRedirect, DeniedRedirect, DeniedRedirect, Ok, Ok)));
        }

        // A POST with a valid token still passes authorization first.
        rows.Add(Post("/wachtlijst", "/wachtlijst", MatrixVariant.WithAntiforgery,
            A(SignInStaff, Forbidden, DeniedRedirect, DeniedRedirect, DeniedRedirect, BadRequest, BadRequest)));
        rows.Add(Get("/cijfers/{year:int}/export", "/cijfers/{year}/export?variant=internal&format=csv",
            A(SignInStaff, Forbidden, DeniedRedirect, DeniedRedirect, DeniedRedirect, Ok, Ok)));

        // ---- Participant pages and endpoints: staff are sent to the participant sign-in (they have no participant session)
        var participant = A(SignInParticipant, Ok, SignInParticipant, SignInParticipant, SignInParticipant, SignInParticipant, SignInParticipant);
        var participantPost = A(SignInParticipant, BadRequest, SignInParticipant, SignInParticipant, SignInParticipant, SignInParticipant, SignInParticipant);
        rows.AddRange(Page("/mijn", "/mijn", participant));
        rows.AddRange(Page("/mijn/account", "/mijn/account", participant));
        rows.AddRange(Page("/mijn/voorkeuren", "/mijn/voorkeuren", participant));
        rows.AddRange(Page("/mijn/hulp", "/mijn/hulp", participant));
        rows.Add(Get("/mijn/agenda/afspraak/{meetingId:guid}.ics", "/mijn/agenda/afspraak/{nextMeeting}.ics", participant));
        rows.Add(Get("/mijn/agenda/afspraak/{meetingId:guid}.ics", "/mijn/agenda/afspraak/{otherMeeting}.ics", With(participant, MatrixRole.Participant, NotFound)));
        rows.Add(Get("/mijn/agenda/reeks/{meetingId:guid}.ics", "/mijn/agenda/reeks/{meeting}.ics", participant));
        rows.Add(Get("/mijn/agenda/reeks/{meetingId:guid}.ics", "/mijn/agenda/reeks/{otherMeeting}.ics", With(participant, MatrixRole.Participant, NotFound)));
        rows.Add(Post("/mijn/account/gegevens", "/mijn/account/gegevens", MatrixVariant.Plain, participantPost));
        rows.Add(Post("/mijn/account/gegevens", "/mijn/account/gegevens", MatrixVariant.WithAntiforgery, participant));
        rows.Add(Post("/deelnemer/passkey/opties/account", "/deelnemer/passkey/opties/account", MatrixVariant.Plain, participantPost));
        rows.Add(Post("/deelnemer/passkey/opties/account", "/deelnemer/passkey/opties/account", MatrixVariant.WithAntiforgery, participant));
        rows.Add(Post("/deelnemer/passkey/toevoegen", "/deelnemer/passkey/toevoegen", MatrixVariant.Plain, participantPost));

        // Anonymous passkey options: open to all, but never without the form's token (rate limited: few requests here).
        var badRequest = A(BadRequest, BadRequest, BadRequest, BadRequest, BadRequest, BadRequest, BadRequest);
        rows.Add(Post("/deelnemer/passkey/opties/nieuw-account", "/deelnemer/passkey/opties/nieuw-account", MatrixVariant.Plain, badRequest));
        rows.Add(Post("/deelnemer/passkey/opties/aanmelden", "/deelnemer/passkey/opties/aanmelden", MatrixVariant.Plain, badRequest));

        // ---- Anonymous endpoints
        var ok = A(Ok, Ok, Ok, Ok, Ok, Ok, Ok);
        var redirect = A(Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect);
        rows.Add(Get("/health", "/health", ok, anyMethod: true));
        rows.Add(Get("/calendar/{token}.ics", "/calendar/{feedToken}.ics", ok));
        rows.Add(Get("/calendar/{token}.ics", "/calendar/onbekend-token.ics", A(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound)));
        rows.Add(Get("/culture", "/culture?culture=fr-BE&returnUrl=%2Fwachtlijst", redirect, redirectTo: "/wachtlijst", ownSession: true));
        rows.Add(Get("/culture", "/culture?culture=fr-BE&returnUrl=https%3A%2F%2Fevil.example%2F", redirect, redirectTo: "/", ownSession: true));
        rows.Add(Get("/account/signin", "/account/signin?returnUrl=%2Fgroepen", redirect, redirectTo: "/dev/signin?returnUrl=%2Fgroepen"));
        rows.Add(Post("/account/signout", "/account/signout", MatrixVariant.Plain, badRequest));
        rows.Add(Post("/account/signout", "/account/signout", MatrixVariant.WithAntiforgery, redirect, redirectTo: "/"));

        // ---- The API: a key (or an Entra token), never a cookie; whoever the browser is signed in as does not matter
        var unauthorized = A(Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized);
        var forbidden = A(Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden);
        var notFound = A(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound);
        rows.Add(Post("/api/referrals", "/api/referrals", MatrixVariant.Plain, unauthorized));
        rows.Add(Post("/api/referrals", "/api/referrals", MatrixVariant.WrongScopeKey, forbidden));
        rows.Add(Post("/api/referrals", "/api/referrals", MatrixVariant.RightKey, A(Created, Created, Created, Created, Created, Created, Created)));
        rows.Add(Get("/api/referrals/{id:guid}", "/api/referrals/{referral}", unauthorized));
        rows.Add(Get("/api/referrals/{id:guid}", "/api/referrals/{referral}", forbidden, MatrixVariant.WrongScopeKey));

        // A referral registered in the portal is not this API client's to read.
        rows.Add(Get("/api/referrals/{id:guid}", "/api/referrals/{referral}", notFound, MatrixVariant.RightKey));
        rows.Add(Get("/api/reports/annual/{year:int}", "/api/reports/annual/{year}", unauthorized));
        rows.Add(Get("/api/reports/annual/{year:int}", "/api/reports/annual/{year}", forbidden, MatrixVariant.WrongScopeKey));
        rows.Add(Get("/api/reports/annual/{year:int}", "/api/reports/annual/{year}", ok, MatrixVariant.RightKey));

        // The exact internal figures are for coordinators only, never for an API client.
        rows.Add(Get("/api/reports/annual/{year:int}", "/api/reports/annual/{year}?variant=internal", forbidden, MatrixVariant.RightKey));
        rows.Add(Get("/api/{**path}", "/api/onbekend", notFound, anyMethod: true));
        return rows;
    }

    /// <summary>The answers of the seven roles, in the column order of the table.</summary>
    private static Dictionary<MatrixRole, Answer> A(
        Answer anonymous, Answer participant, Answer counsellor, Answer facilitator, Answer otherFacilitator, Answer coordinator, Answer lead) =>
        new()
        {
            [MatrixRole.Anonymous] = anonymous,
            [MatrixRole.Participant] = participant,
            [MatrixRole.Counsellor] = counsellor,
            [MatrixRole.Facilitator] = facilitator,
            [MatrixRole.OtherFacilitator] = otherFacilitator,
            [MatrixRole.Coordinator] = coordinator,
            [MatrixRole.Lead] = lead,
        };

    private static Dictionary<MatrixRole, Answer> With(Dictionary<MatrixRole, Answer> answers, MatrixRole role, Answer answer) =>
        new(answers) { [role] = answer };

    /// <summary>A page: its GET row, and a POST row without antiforgery token whose answers follow from the GET's.</summary>
    private static IEnumerable<MatrixRow> Page(string template, string sample, Dictionary<MatrixRole, Answer> answers, string? redirectTo = null)
    {
        yield return Get(template, sample, answers, redirectTo: redirectTo);
        var post = answers.ToDictionary(
            cell => cell.Key,
            cell => cell.Value is SignInStaff or SignInParticipant or DeniedRedirect ? cell.Value : BadRequest);
        yield return Post(template, sample, MatrixVariant.Plain, post);
    }

    private static MatrixRow Get(
        string template, string sample, Dictionary<MatrixRole, Answer> answers, MatrixVariant variant = MatrixVariant.Plain,
        string? redirectTo = null, bool anyMethod = false, bool ownSession = false) =>
        new("GET", template, sample, variant, answers, redirectTo, anyMethod, ownSession);

    private static MatrixRow Post(
        string template, string sample, MatrixVariant variant, Dictionary<MatrixRole, Answer> answers, string? redirectTo = null) =>
        new("POST", template, sample, variant, answers, redirectTo);
}
