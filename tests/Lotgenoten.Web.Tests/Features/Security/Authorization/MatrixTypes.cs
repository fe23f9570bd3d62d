namespace Lotgenoten.Web.Tests.Features.Security.Authorization;

/// <summary>Who asks. "Facilitator" facilitates the sample group; "OtherFacilitator" facilitates another group only.</summary>
public enum MatrixRole
{
    Anonymous,
    Participant,
    Counsellor,
    Facilitator,
    OtherFacilitator,
    Coordinator,

    /// <summary>Coordinator and facilitator at once (An, who facilitates groups other than the sample group).</summary>
    Lead,
}

/// <summary>
/// The exact answer of one cell. Pages are prerendered: a page that refuses through its own service check still answers
/// 200, with the shared access-denied content ("Geen toegang") as its h1 (<see cref="DeniedPage"/>); the authorization
/// middleware refuses a signed-in staff member without the policy's role with a redirect to <c>/geen-toegang</c>
/// (<see cref="DeniedRedirect"/>), and a signed-in participant on a staff page with 403 (<see cref="Forbidden"/>).
/// All three are "forbidden"; the table names which one so that a change of mechanism is noticed.
/// </summary>
public enum Answer
{
    /// <summary>200, and for a page its own content: an h1 that is neither "Geen toegang" nor a "not found" text.</summary>
    Ok,

    /// <summary>302 to the staff sign-in (<c>/dev/signin</c> in Development) with <c>?returnUrl=</c> the requested path.</summary>
    SignInStaff,

    /// <summary>302 to <c>/deelnemer/aanmelden?returnUrl=</c> the requested path.</summary>
    SignInParticipant,

    /// <summary>302 to <c>/geen-toegang?returnUrl=</c> the requested path.</summary>
    DeniedRedirect,

    /// <summary>200 with the access-denied content as the page's h1.</summary>
    DeniedPage,

    /// <summary>403.</summary>
    Forbidden,

    /// <summary>200 with the page's own "not found" h1: an object the caller may not see looks like one that does not exist.</summary>
    NotFoundPage,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>401 (an API without credentials).</summary>
    Unauthorized,

    /// <summary>400 (a POST without a valid antiforgery token).</summary>
    BadRequest,

    /// <summary>201 (the referral API registered the referral).</summary>
    Created,

    /// <summary>302 to the row's <see cref="MatrixRow.RedirectTo"/>.</summary>
    Redirect,
}

/// <summary>How a request of a row is sent beyond its method and path.</summary>
public enum MatrixVariant
{
    /// <summary>A plain request (a POST with an empty form body).</summary>
    Plain,

    /// <summary>A POST with the antiforgery token of a page the same client loaded.</summary>
    WithAntiforgery,

    /// <summary>An API request with <c>X-Api-Key</c> of a client that lacks the endpoint's scope.</summary>
    WrongScopeKey,

    /// <summary>An API request with <c>X-Api-Key</c> of a client that has the endpoint's scope.</summary>
    RightKey,
}

/// <summary>
/// One row: an endpoint (its route template exactly as the app registers it, and the HTTP method), a sample path with
/// <c>{group}</c>-style placeholders filled by <see cref="MatrixApp"/>, how the request is sent, and the answer per role.
/// </summary>
public sealed record MatrixRow(
    string Method,
    string Template,
    string Sample,
    MatrixVariant Variant,
    IReadOnlyDictionary<MatrixRole, Answer> Answers,
    string? RedirectTo = null,
    bool AnyMethod = false,
    bool OwnSession = false)
{
    /// <summary>
    /// The identity of the endpoint, as the inventory names it: "GET /groepen/{GroupId:guid}", or "* /health" for an
    /// endpoint that takes any method (<see cref="AnyMethod"/>).
    /// </summary>
    public string Endpoint => $"{(AnyMethod ? "*" : Method)} {Template}";

    /// <summary>Whether the request changes the client's session or cookies (sign-out, language), so gets a client of its own.</summary>
    public bool NeedsOwnClient => OwnSession || Variant == MatrixVariant.WithAntiforgery;

    public string Name => Variant == MatrixVariant.Plain ? $"{Method} {Sample}" : $"{Method} {Sample} ({Variant})";
}

public static class MatrixRoles
{
    /// <summary>The <c>?user=</c> of the development sign-in, or null for an anonymous visitor.</summary>
    public static string? DemoUserKey(this MatrixRole role) => role switch
    {
        MatrixRole.Anonymous => null,
        MatrixRole.Participant => "participant",
        MatrixRole.Counsellor => "counsellor",
        MatrixRole.Facilitator => "facilitator",
        MatrixRole.OtherFacilitator => "facilitator2",
        MatrixRole.Coordinator => "coordinator",
        MatrixRole.Lead => "lead",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
