using Lotgenoten.Infrastructure;
using Lotgenoten.Web;
using Lotgenoten.Web.Components;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.Backup;
using Lotgenoten.Web.Features.Bench;
using Lotgenoten.Web.Features.Calendar;
using Lotgenoten.Web.Features.Participants;
using Lotgenoten.Web.Features.Culture;
using Lotgenoten.Web.Features.DevSignIn;
using Lotgenoten.Web.Features.Health;
using Lotgenoten.Web.Features.MyAccount;
using Lotgenoten.Web.Features.Reports;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Features.ReferralApi;
using Lotgenoten.Web.Features.Scale;
using Lotgenoten.Web.Features.Security;

// `seed-scale`: fill an empty database for benchmarks and exit, without starting the web server (issue 9).
if (SeedScaleCommand.IsRequested(args))
{
    Environment.ExitCode = await SeedScaleCommand.RunAsync(args);
    return;
}

// `backup --to PATH` / `restore --from PATH`: SQLite's online backup and its restore into an empty database (issue 8).
if (BackupCommand.IsRequested(args))
{
    Environment.ExitCode = await BackupCommand.RunAsync(args, Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// Services
builder.AddInfrastructure();           // database, Data Protection, clock
builder.AddWeb();                      // Razor components, MudBlazor, texts, health check
builder.AddProxySupport();             // forwarded headers from the configured proxies only
builder.AddDevSignIn();                // refuses to start when switched on outside Development
builder.AddBenchDiagnostics();         // bench/circuits.sh: Bench:Diagnostics, Development only (issue 9)
builder.AddLotgenotenAuthentication(); // staff (Entra ID) + participants (Identity) + policies
builder.AddServerSessions();           // sign-ins kept in the database: signing out ends them everywhere

var app = builder.Build();

await app.Services.InitializeDatabaseAsync();

// Pipeline
app.UseProxySupport();              // first: the client's address and scheme behind a known proxy
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseRequestLog();                // one Debug line per request, capability tokens masked (ASP.NET Core's own is off)
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSecurityHeaders();
app.UseBlazorOriginCheck();         // /_blazor only from the app's own origin (cross-site WebSocket hijacking)
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
app.MapBenchDiagnostics();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>The entry point; public so that tests can start the app with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
