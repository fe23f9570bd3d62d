using System.Globalization;
using System.Net;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Invitations;
using Lotgenoten.Web.Features.Placement;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Invitations;

/// <summary>
/// The real app on its own SQLite file with a <see cref="FakeTimeProvider"/>, and what redemption tests need: a group,
/// relatives placed in it through the real <see cref="PlacementService"/> (which hands back the code and link), and the
/// redemption service called as a request would (a scope and an <see cref="HttpContext"/> of its own per call).
/// </summary>
public sealed class RedeemTestApp : IAsyncDisposable
{
    public const string BaseUri = "https://portal.test/";
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly LotgenotenWebFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;

    public RedeemTestApp()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        _ = _app.Services; // starts the host (and migrates)
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public IServiceProvider Services => _app.Services;

    public IFieldProtector Protector => Services.GetRequiredService<IFieldProtector>();

    public static ClaimsPrincipal Coordinator =>
        new(new ClaimsIdentity([new Claim("oid", "coordinator-oid"), new Claim("name", "Test"), new Claim("roles", AppRoles.Coordinator)], "test", "name", "roles"));

    public HttpClient CreateClient() =>
        _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    public async Task<LotgenotenDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();

    /// <summary>A planned group for partners, Dutch-speaking unless asked otherwise.</summary>
    public async Task<PeerGroup> GroupAsync(Language language = Language.Nl)
    {
        var group = PeerGroup.Create(
            new PeerGroupDetails("Partners Antwerpen", GroupAudience.Partners, language, GroupFormat.InPerson, Region.Antwerp,
                "Straat 1\n2000 Antwerpen", null, 1, 8),
            Now.AddDays(-60));
        await using var db = await DbAsync();
        db.Add(group);
        await db.SaveChangesAsync();
        return group;
    }

    /// <summary>A relative on the waiting list placed in <paramref name="group"/> by a coordinator; the code and link handed over.</summary>
    public async Task<Placed> PlaceAsync(PeerGroup group, Language language = Language.Nl)
    {
        var at = Clock.GetUtcNow().AddDays(-30);
        var referral = Referral.Register(
            new ReferralDetails(BrusselsTime.Today(at), ReferralChannel.Phone, Relation.Partner, Concern.AbuseImages, language, Region.Antwerp,
                FormatPreference.Either, WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]),
                ContactPreference.Code, true, "2026-01", null),
            "counsellor-oid",
            at);
        referral.PlanIntake(at.AddDays(1), "coordinator-oid", at.AddHours(1));
        referral.RecordIntake(true, BrusselsTime.Today(at.AddDays(2)), "coordinator-oid", at.AddDays(2));
        referral.PutOnWaitingList("coordinator-oid", at.AddDays(2));
        await using (var db = await DbAsync())
        {
            db.Add(referral);
            await db.SaveChangesAsync();
        }

        var result = await Placement().PlaceAsync(Coordinator, referral.Id, referral.Version, group.Id, InvitationDelivery.Handover, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        return new Placed(referral.Id, result.Code!, result.Link![(result.Link!.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Re-issues the invitation of <paramref name="referralId"/>; the new code.</summary>
    public async Task<Placed> ReissueAsync(Guid referralId)
    {
        var result = await Placement().ReissueAsync(Coordinator, referralId, InvitationDelivery.Handover, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Error);
        return new Placed(referralId, result.Code!, result.Link![(result.Link!.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Step one, as a request from <paramref name="client"/> would make it.</summary>
    public async Task<RedemptionResult> CheckAsync(string? code, string? token = null, string client = "192.0.2.10")
    {
        using var scope = Scope();
        var http = Http(scope, client);
        return await scope.ServiceProvider.GetRequiredService<InvitationRedemptionService>().CheckAsync(http, code, token);
    }

    /// <summary>Step two, as a request from <paramref name="client"/> would make it; the response's Set-Cookie headers too.</summary>
    public async Task<(RedemptionResult Result, IReadOnlyList<string> Cookies)> RedeemAsync(
        RedeemInput input, string? token = null, string client = "192.0.2.10")
    {
        using var scope = Scope();
        var http = Http(scope, client);
        var result = await scope.ServiceProvider.GetRequiredService<InvitationRedemptionService>().RedeemAsync(http, input, token);
        return (result, http.Response.Headers.SetCookie.Select(c => c ?? "").ToList());
    }

    /// <summary>What a redemption creates, counted: accounts, joined memberships, redeemed invitations, joined referrals, audit events.</summary>
    public async Task<(int Users, int Joined, int Redeemed, int ReferralsJoined, int Audits)> CountsAsync()
    {
        await using var db = await DbAsync();
        return (
            await db.Set<ParticipantUser>().CountAsync(),
            await db.Set<Membership>().CountAsync(m => m.ParticipantId != null),
            await db.Set<Invitation>().CountAsync(i => i.RedeemedAt != null),
            await db.Set<Referral>().CountAsync(r => r.Status == ReferralStatus.Joined),
            await db.Set<Domain.Audit.AuditEvent>().CountAsync(a => a.Kind == Domain.Audit.AuditKind.InvitationRedeemed));
    }

    public static RedeemInput Input(string code, string userName = "zeemeeuw", string pseudonym = "Zeemeeuw", string passphrase = "een-rustige-ochtend-aan-zee") =>
        new() { Code = code, UserName = userName, Pseudonym = pseudonym, Passphrase = passphrase, PassphraseConfirmation = passphrase };

    private PlacementService Placement()
    {
        SetDutch();
        var scope = Services.CreateScope();
        var navigation = scope.ServiceProvider.GetRequiredService<NavigationManager>();
        ((IHostEnvironmentNavigationManager)navigation).Initialize(BaseUri, BaseUri);
        return scope.ServiceProvider.GetRequiredService<PlacementService>();
    }

    private IServiceScope Scope()
    {
        SetDutch();
        return Services.CreateScope();
    }

    private static DefaultHttpContext Http(IServiceScope scope, string client)
    {
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse(client);
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("portal.test");
        return http;
    }

    private static void SetDutch()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        CultureInfo.CurrentCulture = new CultureInfo("nl-BE");
    }
}

/// <summary>A placed relative: the referral and the two secrets of their invitation.</summary>
public sealed record Placed(Guid ReferralId, string Code, string Token);
