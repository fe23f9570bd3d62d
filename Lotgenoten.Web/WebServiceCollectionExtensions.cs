using Lotgenoten.Infrastructure;
using Lotgenoten.Web.Components.Shared;
using Lotgenoten.Web.Features.Audit;
using Lotgenoten.Web.Features.Attendance;
using Lotgenoten.Web.Features.Calendar;
using Lotgenoten.Web.Features.Culture;
using Lotgenoten.Web.Features.Groups;
using Lotgenoten.Web.Features.Invitations;
using Lotgenoten.Web.Features.Meetings;
using Lotgenoten.Web.Features.MyAccount;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Features.Referrals;
using Lotgenoten.Web.Features.Safeguarding;
using Lotgenoten.Web.Features.Security;
using MudBlazor.Services;

namespace Lotgenoten.Web;

/// <summary>The web layer's services: Razor components, MudBlazor, texts, health checks and shell options.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Registers what the web project itself needs; authentication lives in <c>AddLotgenotenAuthentication</c>.</summary>
    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddRazorComponents()
            .AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options =>
        {
            // __Host-Lotgenoten.Antiforgery and Secure outside Development; SameSite=Strict (the default) stays.
            options.Cookie.Name = SecureCookies.Name(".Lotgenoten.Antiforgery", builder.Environment);
            options.Cookie.SecurePolicy = SecureCookies.SecurePolicy(builder.Environment);
        });
        services.AddBlazorOriginCheck();
        services.AddMudServices(config =>
        {
            // Bottom left: out of the way of the page's own buttons at the top right.
            config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(SupportedCultures.Configure);
        services.PostConfigure<RequestLocalizationOptions>(options => SupportedCultures.UseCookieName(options, CultureEndpoint.CookieName(builder.Environment)));

        services.AddOptions<QuickExitOptions>()
            .BindConfiguration(QuickExitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Feature services: scoped (one per circuit or request), each opening its own short-lived database context.
        services.AddScoped<Features.Home.HomeService>();
        services.AddScoped<Features.Staff.StaffDirectory>();
        services.AddScoped<Features.Participants.ParticipantHomeService>();
        services.AddMyAccount();
        services.AddParticipantPasskeys();
        services.AddInvitationRedemption();
        services.AddScoped<Features.Outbox.OutboxAdminService>();
        services.AddMeetings();
        services.AddAttendance();
        services.AddGroups();
        services.AddReferrals();
        services.AddScoped<Features.Reports.ReportService>();
        services.AddScoped<Features.Dashboard.DashboardService>();
        services.AddScoped<Features.Dashboard.DashboardListService>();
        services.AddAuditLog();
        services.AddNotesAndSafeguarding();
        builder.AddCalendarFeeds();

        // 200 "Healthy" when the database answers, 503 "Unhealthy" otherwise (the infrastructure's check).
        services.AddHealthChecks().AddDatabaseCheck();

        return builder;
    }
}
