using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>Marks the API's endpoints: problem details for every error, never a sign-in redirect or an HTML page.</summary>
public sealed class ApiEndpointMetadata
{
    public static readonly ApiEndpointMetadata Instance = new();

    private ApiEndpointMetadata()
    {
    }
}

/// <summary>RFC 9457 problem details (<c>application/problem+json</c>) in the request's language.</summary>
internal static class ApiProblems
{
    /// <summary>The key of an error about the request body as a whole (not one field).</summary>
    public const string BodyKey = "$";

    public static IResult Problem(IStringLocalizer<ReferralApiTexts> texts, int status, string titleKey, string? detail = null) =>
        Results.Problem(statusCode: status, title: texts[titleKey], detail: detail);

    public static IResult Validation(IStringLocalizer<ReferralApiTexts> texts, IReadOnlyDictionary<string, List<string>> errors) =>
        Results.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            title: texts["Problem_Validation_Title"],
            detail: texts["Problem_Validation_Detail"]);

    public static IResult Validation(IStringLocalizer<ReferralApiTexts> texts, string field, string message) =>
        Validation(texts, new Dictionary<string, List<string>> { [field] = [message] });

    /// <summary>Keeps the site's HTML status pages away from an API response (an empty 404 would otherwise become one).</summary>
    public static void DisableStatusPages(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
    }
}

/// <summary>
/// For API endpoints, a failed authorization answers with a problem: 401 with the challenges of both API schemes
/// (<c>WWW-Authenticate: ApiKey …</c> and <c>Bearer</c>), or 403. Never a redirect to a sign-in page. Every other
/// endpoint keeps ASP.NET Core's default behaviour.
/// </summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        ApiProblems.DisableStatusPages(context);
        var texts = context.RequestServices.GetRequiredService<IStringLocalizer<ReferralApiTexts>>();
        IResult problem;
        if (authorizeResult.Challenged)
        {
            foreach (var scheme in policy.AuthenticationSchemes)
            {
                await context.ChallengeAsync(scheme);
            }

            problem = ApiProblems.Problem(texts, StatusCodes.Status401Unauthorized, "Problem_Unauthorized_Title", texts["Problem_Unauthorized_Detail"]);
        }
        else
        {
            problem = ApiProblems.Problem(texts, StatusCodes.Status403Forbidden, "Problem_Forbidden_Title", texts["Problem_Forbidden_Detail"]);
        }

        await problem.ExecuteAsync(context);
    }
}
