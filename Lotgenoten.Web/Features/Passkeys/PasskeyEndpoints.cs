using Lotgenoten.Domain.Common;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Participants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Lotgenoten.Web.Features.Passkeys;

/// <summary>
/// The browser side of passkeys (js/passkeys.js) asks these endpoints for WebAuthn options. Each is a POST that needs the
/// antiforgery token of the page's form (a plain 400 without it) and answers the options JSON; the challenge is kept by
/// Identity in its short-lived, data-protected two-factor cookie until the form with the credential comes back.
/// <list type="bullet">
/// <item><see cref="NewAccountOptionsPath"/> (anonymous): creation options for an account that does not exist yet — a new
/// user id and the login name typed in the form (field <see cref="UserNameField"/>).</item>
/// <item><see cref="AccountOptionsPath"/> (signed-in participant): creation options for the participant's own account.</item>
/// <item><see cref="RequestOptionsPath"/> (anonymous): request options; without a session for any passkey of this site
/// (so nothing tells which login names exist), with a participant session for that participant's passkeys.</item>
/// <item><see cref="AddPath"/> (signed-in participant): the passkeys card's form; stores the new passkey and returns to
/// the page with <c>?passkey=added</c> or <c>?passkey=failed</c>.</item>
/// </list>
/// </summary>
public static class PasskeyEndpoints
{
    public const string NewAccountOptionsPath = "/deelnemer/passkey/opties/nieuw-account";
    public const string AccountOptionsPath = "/deelnemer/passkey/opties/account";
    public const string RequestOptionsPath = "/deelnemer/passkey/opties/aanmelden";
    public const string AddPath = "/deelnemer/passkey/toevoegen";

    /// <summary>The form field with the login name for <see cref="NewAccountOptionsPath"/>.</summary>
    public const string UserNameField = "userName";

    /// <summary>The form model prefix of the passkeys card's form (<c>Passkey.CredentialJson</c>).</summary>
    public const string AddFormName = "Passkey";

    /// <summary>The query parameter <see cref="AddPath"/> adds to the return URL.</summary>
    public const string ResultParameter = "passkey";

    public const string ResultAdded = "added";
    public const string ResultFailed = "failed";

    /// <summary>The longest login name accepted for the options of a new account.</summary>
    public const int MaxUserNameLength = 256;

    public static IEndpointRouteBuilder MapParticipantPasskeys(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(NewAccountOptionsPath, NewAccountOptionsAsync).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(RateLimitedAsync);
        endpoints.MapPost(AccountOptionsPath, AccountOptionsAsync).RequireAuthorization(Policies.Participant).DisableAntiforgery();
        endpoints.MapPost(RequestOptionsPath, RequestOptionsAsync).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(RateLimitedAsync);
        endpoints.MapPost(AddPath, AddAsync).RequireAuthorization(Policies.Participant).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// The anonymous option endpoints answer 429 with <c>Retry-After</c> once a client has asked too often
    /// (<see cref="ParticipantRateLimit.PasskeyOptions"/>); every request counts, before anything else is done.
    /// </summary>
    internal static async ValueTask<object?> RateLimitedAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var limiter = context.RequestServices.GetRequiredService<ParticipantRateLimiter>();
        if (limiter.Acquire(ParticipantRateLimit.PasskeyOptions, ParticipantRateLimiter.ClientOf(context)) is { } wait)
        {
            PasskeyLog.RateLimited(context.RequestServices.GetRequiredService<ILogger<ParticipantPasskeys>>());
            context.Response.Headers.RetryAfter = ParticipantRateLimiter.RetryAfterHeader(wait);
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        return await next(invocation);
    }

    // Antiforgery is validated in each handler rather than by the middleware, so that a missing token is a plain 400.

    internal static async Task<IResult> NewAccountOptionsAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<ParticipantUser> signInManager)
    {
        if (!await IsValidFormPostAsync(context, antiforgery))
        {
            return Results.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var userName = form[UserNameField].ToString().Trim();
        if (userName.Length == 0 || userName.Length > MaxUserNameLength || Text.HasForbiddenControlCharacters(userName))
        {
            return Results.BadRequest();
        }

        // The prospective account: its id travels in the (protected) ceremony state and comes back with the attestation,
        // so the account is created with exactly this id.
        var entity = new PasskeyUserEntity
        {
            Id = Guid.NewGuid().ToString(),
            Name = userName,
            DisplayName = userName,
        };
        signInManager.Context = context;
        return Results.Content(await signInManager.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    internal static async Task<IResult> AccountOptionsAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<ParticipantUser> signInManager)
    {
        if (!await IsValidFormPostAsync(context, antiforgery))
        {
            return Results.BadRequest();
        }

        var user = await CurrentParticipantAsync(context, signInManager);
        if (user is null)
        {
            return Results.Forbid();
        }

        var name = user.UserName ?? user.Id;
        var entity = new PasskeyUserEntity { Id = user.Id, Name = name, DisplayName = name };
        signInManager.Context = context;
        return Results.Content(await signInManager.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    internal static async Task<IResult> RequestOptionsAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<ParticipantUser> signInManager)
    {
        if (!await IsValidFormPostAsync(context, antiforgery))
        {
            return Results.BadRequest();
        }

        var user = await CurrentParticipantAsync(context, signInManager);
        signInManager.Context = context;
        return Results.Content(await signInManager.MakePasskeyRequestOptionsAsync(user), "application/json");
    }

    internal static async Task<IResult> AddAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<ParticipantUser> signInManager,
        ParticipantPasskeys passkeys, ILogger<ParticipantPasskeys> logger)
    {
        if (!await IsValidFormPostAsync(context, antiforgery))
        {
            return Results.BadRequest();
        }

        var user = await CurrentParticipantAsync(context, signInManager);
        if (user is null)
        {
            return Results.Forbid();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalUrl.OrDefault(form[AuthenticationSetup.ReturnUrlParameter].ToString(), "/mijn");
        var attested = await passkeys.AttestForAccountAsync(context, user, form[$"{AddFormName}.CredentialJson"].ToString());
        var added = attested is not null && (await passkeys.AddAsync(user, attested)).Succeeded;
        if (added)
        {
            PasskeyLog.Added(logger);
        }

        return Results.LocalRedirect(QueryHelpers.AddQueryString(
            WithoutResult(returnUrl), ResultParameter, added ? ResultAdded : ResultFailed));
    }

    private static async Task<bool> IsValidFormPostAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            // A form that cannot be read (e.g. a NUL in a value): bad input, not a server error.
            return false;
        }
    }

    private static async Task<ParticipantUser?> CurrentParticipantAsync(HttpContext context, SignInManager<ParticipantUser> signInManager) =>
        signInManager.IsSignedIn(context.User) && context.User.IsInRole(Infrastructure.Demo.AppRoles.Participant)
            ? await signInManager.UserManager.GetUserAsync(context.User)
            : null;

    /// <summary>The return URL without an earlier <c>passkey=</c> result, so results do not pile up.</summary>
    private static string WithoutResult(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var query = QueryHelpers.ParseQuery(url[question..]);
        query.Remove(ResultParameter);
        var path = url[..question];
        return query.Count == 0
            ? path
            : QueryHelpers.AddQueryString(path, query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))));
    }
}
