using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Antiforgery;

namespace Lotgenoten.Web.Features.MyAccount;

/// <summary>The participant's own account: services, options, and the data export endpoint.</summary>
public static class MyAccountSetup
{
    /// <summary><c>POST /mijn/account/gegevens</c> (antiforgery): the participant's data as a JSON download.</summary>
    public const string ExportPath = "/mijn/account/gegevens";

    /// <summary>The neutral page shown after erasure (anonymous).</summary>
    public const string GoodbyePath = "/tot-ziens";

    public static IServiceCollection AddMyAccount(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HelplineOptions>()
            .BindConfiguration(HelplineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ParticipantSessionOptions>()
            .BindConfiguration(ParticipantSessionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<MyAccountService>();
        return services;
    }

    public static IEndpointRouteBuilder MapMyAccount(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(ExportPath, ExportAsync)
            .RequireAuthorization(Policies.Participant)
            .DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<IResult> ExportAsync(HttpContext context, IAntiforgery antiforgery, MyAccountService service, TimeProvider time)
    {
        // Validated here so that a missing token is a plain 400 (a page elsewhere cannot make the browser download it).
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var bytes = await service.ExportAsync(context.User, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(bytes, "application/json; charset=utf-8", $"mijn-gegevens-{day}.json");
    }
}
