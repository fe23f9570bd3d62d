using System.Security.Claims;
using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>
/// The referral API for the helpline's registration system (see docs/referral-api.md): <c>POST /api/referrals</c>
/// and <c>GET /api/referrals/{id}</c>. JSON in and out, authenticated by an API key or an Entra access token only (no
/// cookie, so no antiforgery), every error an RFC 9457 problem in the language of <c>Accept-Language</c>.
/// </summary>
public static class ReferralApiEndpoints
{
    public const string ReferralsPath = "/api/referrals";

    /// <summary>Larger bodies are refused with 413 (a referral is well under 16 KB even with a full remark).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapApiGroup();

        api.MapPost("/referrals", CreateAsync)
            .RequireAuthorization(Policies.ApiReferralsSubmit)
            .WithDisplayName("Referral API: register");
        api.MapGet("/referrals/{id:guid}", GetAsync)
            .RequireAuthorization(Policies.ApiReferralsSubmit)
            .WithDisplayName("Referral API: status");

        // Anything else under /api: a problem, not the site's HTML "not found" page.
        api.MapFallback("{**path}", (IStringLocalizer<ReferralApiTexts> texts) =>
                ApiProblems.Problem(texts, StatusCodes.Status404NotFound, "Problem_NotFound_Title"))
            .AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// A group under <c>/api</c> for any API endpoint (the figures' API of issue 7 too): problem answers to failed
    /// authorization (no sign-in redirect), no antiforgery (JSON + header credentials), no HTML status pages. Give each
    /// endpoint one of the <c>Api.*</c> policies.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(ApiAcceptLanguageProvider.PathPrefix)
            .WithMetadata(ApiEndpointMetadata.Instance)
            .DisableAntiforgery();
        api.AddEndpointFilter(async (context, next) =>
        {
            ApiProblems.DisableStatusPages(context.HttpContext);
            return await next(context);
        });
        return api;
    }

    internal static async Task<IResult> CreateAsync(
        HttpContext http, ReferralApiService service, IStringLocalizer<ReferralApiTexts> texts, CancellationToken ct)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge(texts);
        }

        if (!TryReadIdempotencyKey(request, out var idempotencyKey))
        {
            return ApiProblems.Validation(texts, IdempotencyKeyHeader, texts["Header_IdempotencyKey"]);
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(http, ct);
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(texts)
                : ApiProblems.Validation(texts, ApiProblems.BodyKey, texts["Body_Malformed"]);
        }

        if (body is null)
        {
            return TooLarge(texts);
        }

        if (body.Length > 0 && !request.HasJsonContentType())
        {
            return ApiProblems.Problem(texts, StatusCodes.Status415UnsupportedMediaType, "Problem_MediaType_Title", texts["Problem_MediaType_Detail"]);
        }

        var result = await service.CreateAsync(http.User, body, idempotencyKey, ct);
        switch (result.Outcome)
        {
            case ReferralApiOutcome.Created or ReferralApiOutcome.Replayed when result.Referral is { } referral:
                http.Response.Headers.Location = $"{ReferralsPath}/{referral.Id}";
                if (result.Outcome == ReferralApiOutcome.Replayed)
                {
                    http.Response.Headers[ReplayedHeader] = "true";
                }

                return Results.Json(referral, ReferralApiJson.Options, statusCode: StatusCodes.Status201Created);
            case ReferralApiOutcome.Invalid:
                return ApiProblems.Validation(texts, result.Errors);
            case ReferralApiOutcome.KeyReused:
                return ApiProblems.Problem(texts, StatusCodes.Status422UnprocessableEntity, "Problem_KeyReused_Title", texts["Problem_KeyReused_Detail"]);
            case ReferralApiOutcome.Gone:
                return ApiProblems.Problem(texts, StatusCodes.Status404NotFound, "Problem_NotFound_Title");
            default:
                return ApiProblems.Problem(texts, StatusCodes.Status403Forbidden, "Problem_Forbidden_Title", texts["Problem_Forbidden_Detail"]);
        }
    }

    internal static async Task<IResult> GetAsync(
        Guid id, ClaimsPrincipal user, ReferralApiService service, IStringLocalizer<ReferralApiTexts> texts, CancellationToken ct)
    {
        var referral = await service.GetAsync(user, id, ct);
        return referral is null
            ? ApiProblems.Problem(texts, StatusCodes.Status404NotFound, "Problem_NotFound_Title")
            : Results.Json(referral, ReferralApiJson.Options);
    }

    /// <summary>
    /// The <c>Idempotency-Key</c> header: absent (null), or one value of 1–100 visible ASCII characters; anything else
    /// (empty, repeated, too long, spaces, control or non-ASCII characters) is refused.
    /// </summary>
    internal static bool TryReadIdempotencyKey(HttpRequest request, out string? key)
    {
        key = null;
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return true;
        }

        if (values.Count != 1 || values[0] is not { Length: >= 1 and <= Infrastructure.Api.ApiIdempotencyRecord.KeyMaxLength } value
            || !value.All(c => c is >= '!' and <= '~'))
        {
            return false;
        }

        key = value;
        return true;
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge(IStringLocalizer<ReferralApiTexts> texts) =>
        ApiProblems.Problem(texts, StatusCodes.Status413PayloadTooLarge, "Problem_TooLarge_Title", texts["Problem_TooLarge_Detail", MaxBodyBytes / 1024]);
}
