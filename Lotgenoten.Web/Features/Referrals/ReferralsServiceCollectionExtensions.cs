using FluentValidation;
using Lotgenoten.Web.Features.Placement;
using Lotgenoten.Web.Features.ReferralApi;

namespace Lotgenoten.Web.Features.Referrals;

/// <summary>Registers intake, the waiting list, matching, placement and the referral API's services.</summary>
public static class ReferralsServiceCollectionExtensions
{
    /// <summary>Feature services are scoped (one per circuit or request) and open their own short-lived contexts.</summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddOptions<ReferralOptions>()
            .BindConfiguration(ReferralOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<IValidator<ReferralInput>, ReferralInputValidator>();
        services.AddScoped<ReferralRegistrar>();
        services.AddScoped<ReferralService>();
        services.AddScoped<WaitingListService>();
        services.AddScoped<ReferralCaseService>();
        services.AddScoped<MatchingService>();
        services.AddScoped<PlacementService>();
        services.AddScoped<ReferralApiService>();
        return services;
    }
}
