namespace Lotgenoten.Web.Features.Invitations;

/// <summary>Registers redeeming invitations.</summary>
public static class InvitationsSetup
{
    public static IServiceCollection AddInvitationRedemption(this IServiceCollection services)
    {
        // The limiter counts across requests, so it is one per app; it holds addresses and hashes, nothing else.
        services.AddSingleton<RedemptionRateLimiter>();
        services.AddScoped<InvitationRedemptionService>();
        return services;
    }
}
