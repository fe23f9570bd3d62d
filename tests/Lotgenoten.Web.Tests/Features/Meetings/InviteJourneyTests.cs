using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Meetings;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Lotgenoten.Web.Tests.Features.Meetings;

/// <summary>
/// The whole path of an invite: the planner changes meetings of a group of five members who opted in, the outbox sends
/// through a real SMTP server (netDumbster), and an outage loses nothing.
/// </summary>
public sealed class InviteJourneyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string FacilitatorOid = "journey-facilitator";

    private readonly int _port = FreePort();
    private readonly FakeTimeProvider _clock = new(Now);
    private LotgenotenWebFactory _factory = default!;
    private IServiceProvider _services = default!;
    private SimpleSmtpServer? _smtp;
    private Guid _groupId;

    public async ValueTask InitializeAsync()
    {
        _factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:SecureSocketOptions"] = "None",
            ["Smtp:DispatcherEnabled"] = "false",
            ["Smtp:BackoffBase"] = "00:01:00",
            ["Smtp:Timeout"] = "00:00:10",
        });
        _services = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock))).Services;
        _smtp = StartSmtp();
        await SeedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _smtp?.Dispose();
        await _factory.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Facilitator =>
        new(new ClaimsIdentity([new Claim("oid", FacilitatorOid), new Claim("name", "Pieter"), new Claim("roles", AppRoles.Facilitator)], "test", "name", "roles"));

    private PlannerService Planner => _services.CreateScope().ServiceProvider.GetRequiredService<PlannerService>();

    private OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task PlanMoveAndOutage_FiveMembers_OneMailEachTimeAndNothingLost()
    {
        // Plan: five recurring invites, each naming only its recipient.
        var planned = await Planner.PlanSeriesAsync(Facilitator, _groupId,
            new SeriesPlan(RecurrencePattern.EveryTwoWeeks, new DateOnly(2027, 1, 5), new TimeOnly(19, 0), 120, 6, null), Ct);
        planned.Succeeded.ShouldBeTrue(planned.Error);
        planned.InvitesQueued.ShouldBe(5);
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(5);
        var invites = await ReceivedAsync(5);
        invites.Select(m => m.To).Order().ShouldBe(Enumerable.Range(0, 5).Select(i => $"lid{i}@example.org"));
        foreach (var mail in invites)
        {
            mail.Calendar.ShouldContain("METHOD:REQUEST");
            mail.Calendar.ShouldContain("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6");
            Count(mail.Calendar, "ATTENDEE").ShouldBe(1);
            mail.Calendar.ShouldContain(mail.To);
            mail.Calendar.ShouldNotContain("Partners Antwerpen");
        }

        // Move the second meeting: five updates of that occurrence, with a higher SEQUENCE.
        var group = await Planner.GetGroupAsync(Facilitator, _groupId, Ct);
        var second = group!.Meetings.OrderBy(m => m.Date).Skip(1).First();
        var moved = await Planner.MoveMeetingAsync(Facilitator, _groupId, second.Id, second.Version, new DateTime(2027, 1, 20, 19, 0, 0), 120, Ct);
        moved.Succeeded.ShouldBeTrue(moved.Error);
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(5);
        var updates = await ReceivedAsync(5);
        updates.ShouldAllBe(m => m.Calendar.Contains("RECURRENCE-ID;TZID=Europe/Brussels:20270119T190000") && m.Calendar.Contains("SEQUENCE:1"));

        // The SMTP server goes away: cancelling a meeting queues five cancels, none is lost.
        _smtp!.Stop();
        _smtp.Dispose();
        _smtp = null;
        var third = group.Meetings.OrderBy(m => m.Date).Skip(2).First();
        (await Planner.CancelMeetingAsync(Facilitator, _groupId, third.Id, third.Version, Ct)).Succeeded.ShouldBeTrue();
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
        await using (var db = await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct))
        {
            (await db.Set<OutboxMessage>().CountAsync(m => m.Status != OutboxStatus.Sent, Ct)).ShouldBe(5);
        }

        // The server returns; after the backoff every cancel goes out, exactly once.
        _smtp = StartSmtp();
        _clock.Advance(TimeSpan.FromHours(1));
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(5);
        (await Dispatcher.DispatchDueAsync(Ct)).ShouldBe(0);
        var cancels = await ReceivedAsync(5);
        cancels.ShouldAllBe(m => m.Calendar.Contains("METHOD:CANCEL") && m.Calendar.Contains("RECURRENCE-ID;TZID=Europe/Brussels:20270202T190000"));
    }

    private sealed record Mail(string To, string Calendar);

    /// <summary>Waits until the SMTP server has handled <paramref name="expected"/> mails (it stores them after answering), takes them, and checks no more came.</summary>
    private async Task<List<Mail>> ReceivedAsync(int expected)
    {
        for (var i = 0; i < 200 && _smtp!.ReceivedEmailCount < expected; i++)
        {
            await Task.Delay(25, Ct);
        }

        var mails = Received();
        _smtp!.ClearReceivedEmail();
        mails.Count.ShouldBe(expected);
        return mails;
    }

    private List<Mail> Received() =>
        _smtp!.ReceivedEmail.Select(m => new Mail(
            m.ToAddresses.Single().Address,
            Unfold(m.MessageParts.FirstOrDefault(p => p.HeaderData.Contains("text/calendar", StringComparison.OrdinalIgnoreCase))?.BodyData ?? m.Data)))
        .ToList();

    private static string Unfold(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\n ", "", StringComparison.Ordinal);

    private static int Count(string calendar, string property) =>
        calendar.Split('\n').Count(l => l.StartsWith(property + ":", StringComparison.Ordinal) || l.StartsWith(property + ";", StringComparison.Ordinal));

    private SimpleSmtpServer StartSmtp() => Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(_port).Build();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task SeedAsync()
    {
        var protector = _services.GetRequiredService<IFieldProtector>();
        await using var db = await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var facilitator = StaffMember.Create(FacilitatorOid, "Pieter", Now.AddDays(-400));
        var group = PeerGroup.Create(new PeerGroupDetails("Partners Antwerpen", GroupAudience.Partners, Language.Nl, GroupFormat.InPerson, Region.Antwerp,
            "Kerkstraat 1, 2000 Antwerpen", null, 4, 10), Now.AddDays(-60));
        group.AssignFacilitator(facilitator.Id, Now.AddDays(-60));
        group.StartRecruiting();
        var referrals = new List<Referral>();
        for (var i = 0; i < 6; i++)
        {
            var referral = Referral.Register(
                new ReferralDetails(new DateOnly(2026, 9, 1), ReferralChannel.Email, Relation.Partner, Concern.Unknown, Language.Nl, Region.Antwerp,
                    FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Email, true, "2026-01", null),
                "coordinator", Now.AddDays(-80));
            var address = $"lid{i}@example.org";
            referral.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, address), protector.BlindIndex(ProtectionPurposes.ReferralEmail, address));
            var membership = group.Place(referral.Id, Now.AddDays(-40));
            group.Join(membership.Id, Guid.NewGuid().ToString(), $"Lid {i}", Now.AddDays(-39));

            // Five opt in to e-mail invites; the sixth has an address but did not opt in and gets nothing.
            membership.SetCalendarPreferences(emailInvites: i < 5, fullTitles: false, reminderMinutes: i == 0 ? 60 : null);
            referrals.Add(referral);
        }

        group.Start(Now.AddDays(-30));
        db.Add(facilitator);
        db.Users.AddRange(group.Memberships.Select(m => new Lotgenoten.Infrastructure.Identity.ParticipantUser { Id = m.ParticipantId!, UserName = m.ParticipantId }));
        db.AddRange(referrals);
        db.Add(group);
        await db.SaveChangesAsync(Ct);
        _groupId = group.Id;
    }
}
