using Lotgenoten.Infrastructure;
using Lotgenoten.Web;
using Lotgenoten.Web.Components;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Calendar;
using Lotgenoten.Web.Features.Participants;
using Lotgenoten.Web.Features.Culture;
using Lotgenoten.Web.Features.DevSignIn;
using Lotgenoten.Web.Features.Health;
using Lotgenoten.Web.Features.MyAccount;
using Lotgenoten.Web.Features.Reports;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Features.ReferralApi;
using Lotgenoten.Web.Features.Security;

var builder = WebApplication.CreateBuilder(args);

// Services
builder.AddInfrastructure();           // database, Data Protection, clock
builder.AddWeb();                      // Razor components, MudBlazor, texts, health check
builder.AddDevSignIn();                // refuses to start when switched on outside Development
builder.AddLotgenotenAuthentication(); // staff (Entra ID) + participants (Identity) + policies

var app = builder.Build();

await app.Services.InitializeDatabaseAsync();

// Pipeline
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSecurityHeaders();
app.UseCalendarFeed();              // calendar feeds skip localization, authentication and antiforgery (issue 9)
app.UseRequestLocalization();
app.UseAuthentication();
app.UseDevSignIn();
app.UseAuthorization();
app.UseAntiforgery();

// Endpoints
app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoint();
app.MapCultureEndpoint();
app.MapAccountEndpoints();
app.MapParticipantPasskeys();
app.MapCalendarFeed();
app.MapParticipantCalendar();
app.MapMyAccount();
app.MapReferralApi();
app.MapReportEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>The entry point; public so that tests can start the app with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
