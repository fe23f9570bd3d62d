using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.MyAccount;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.MyAccount;

/// <summary>The participant's own account on the demo data (Zonnebloem in the running Tuesday group), in Dutch.</summary>
public sealed class MyAccountServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string Address = "zonnebloem@example.org";

    private readonly LotgenotenWebFactory _factory = new(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
    private WebApplicationFactory<Program> _app = default!;
    private IServiceProvider _services = default!;

    public ValueTask InitializeAsync()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        _services = _app.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ZonnebloemId => DemoUsers.Participant.ObjectId;

    private static ClaimsPrincipal Zonnebloem => Participant(ZonnebloemId);

    private static ClaimsPrincipal Participant(string id) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Role, AppRoles.Participant)],
        IdentityConstants.ApplicationScheme));

    private MyAccountService NewService()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        return _services.CreateScope().ServiceProvider.GetRequiredService<MyAccountService>();
    }

    private async Task<LotgenotenDbContext> DbAsync() =>
        await _services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    private async Task<Membership> ZonnebloemMembershipAsync()
    {
        await using var db = await DbAsync();
        return await db.Set<Membership>().AsNoTracking().SingleAsync(m => m.ParticipantId == ZonnebloemId && m.Status != MembershipStatus.Withdrawn, Ct);
    }

    private async Task SetEmailAsync(string? address)
    {
        var membership = await ZonnebloemMembershipAsync();
        await using var db = await DbAsync();
        var referral = await db.Set<Referral>().SingleAsync(r => r.Id == membership.ReferralId, Ct);
        if (address is null)
        {
            referral.EraseEmail(Now);
        }
        else
        {
            var protector = _services.GetRequiredService<IFieldProtector>();
            referral.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, address),
                protector.BlindIndex(ProtectionPurposes.ReferralEmail, EmailAddress.Normalize(address)));
        }

        await db.SaveChangesAsync(Ct);
    }

    private async Task<string> OtherMemberPseudonymAsync()
    {
        var membership = await ZonnebloemMembershipAsync();
        await using var db = await DbAsync();
        return await db.Set<Membership>().AsNoTracking()
            .Where(m => m.GroupId == membership.GroupId && m.Id != membership.Id
                && (m.Status == MembershipStatus.Joined || m.Status == MembershipStatus.Active) && m.Pseudonym != null)
            .Select(m => m.Pseudonym!).FirstAsync(Ct);
    }

    /// <summary>The counts the annual figures are made of, as one comparable list.</summary>
    private async Task<IReadOnlyList<string>> FigureCountsAsync()
    {
        await using var db = await DbAsync();
        var counts = new List<string>();
        counts.AddRange((await db.Set<Referral>().GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
            .Select(x => $"referral {x.Key} {x.Count}"));
        counts.AddRange((await db.Set<Referral>().GroupBy(r => r.WithdrawalReason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
            .Select(x => $"referral-withdrawn {x.Key} {x.Count}"));
        counts.AddRange((await db.Set<Membership>().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
            .Select(x => $"membership {x.Key} {x.Count}"));
        counts.AddRange((await db.Set<Membership>().Where(m => m.FirstAttendedAt != null).GroupBy(m => m.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
            .Select(x => $"effective-start {x.Key} {x.Count}"));
        counts.AddRange((await db.Set<AttendanceRecord>().GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
            .Select(x => $"attendance {x.Key} {x.Count}"));
        counts.Add($"attendance-linked {await db.Set<AttendanceRecord>().CountAsync(a => a.MembershipId != null, Ct)}");
        counts.AddRange((await db.Set<Meeting>().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
            .Select(x => $"meeting {x.Key} {x.Count}"));
        counts.Sort(StringComparer.Ordinal);
        return counts;
    }

    [Fact]
    public async Task GetPreferences_Demo_ReadsTheCurrentMembership()
    {
        var view = await NewService().GetPreferencesAsync(Zonnebloem, Ct);

        view.HasMembership.ShouldBeTrue();
        view.Input.Pseudonym.ShouldBe("Zonnebloem");
        view.Input.Language.ShouldBe("nl");
        view.Input.FullTitles.ShouldBeFalse();
    }

    [Fact]
    public async Task GetPreferences_NotAParticipant_Throws()
    {
        var staff = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "x"), new Claim("roles", AppRoles.Coordinator)], "Test", "name", "roles"));

        await Should.ThrowAsync<UnauthorizedAccessException>(() => NewService().GetPreferencesAsync(staff, Ct));
    }

    [Fact]
    public async Task SavePreferences_ValidChoices_AreStored()
    {
        await SetEmailAsync(Address);
        var service = NewService();
        var input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.Language = "fr";
        input.FullTitles = true;
        input.EmailInvites = true;
        input.ReminderMinutes = 1440;
        input.Pseudonym = "Zonnestraal";

        var result = await service.SavePreferencesAsync(Zonnebloem, input, Ct);

        result.Succeeded.ShouldBeTrue(result.Message);
        var stored = await ZonnebloemMembershipAsync();
        (stored.FullTitles, stored.EmailInvites, stored.ReminderMinutes, stored.Pseudonym).ShouldBe((true, true, (int?)1440, "Zonnestraal"));
        await using var db = await DbAsync();
        (await db.Users.SingleAsync(u => u.Id == ZonnebloemId, Ct)).Language.ShouldBe("fr");
    }

    [Fact]
    public async Task SavePreferences_NoReminder_StoresNone()
    {
        var service = NewService();
        var input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.ReminderMinutes = 60;
        (await service.SavePreferencesAsync(Zonnebloem, input, Ct)).Succeeded.ShouldBeTrue();
        input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.ReminderMinutes = 0;

        (await service.SavePreferencesAsync(Zonnebloem, input, Ct)).Succeeded.ShouldBeTrue();

        (await ZonnebloemMembershipAsync()).ReminderMinutes.ShouldBeNull();
    }

    [Theory]
    [InlineData(30)]
    [InlineData(120)]
    [InlineData(-60)]
    public async Task SavePreferences_OtherReminder_IsRefusedAtTheField(int minutes)
    {
        var service = NewService();
        var input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.ReminderMinutes = minutes;
        input.FullTitles = true;

        var result = await service.SavePreferencesAsync(Zonnebloem, input, Ct);

        result.ShouldBe(MyAccountResult.Error("Kies geen herinnering, 1 uur of 1 dag vooraf.", nameof(PreferencesInput.ReminderMinutes)));
        (await ZonnebloemMembershipAsync()).FullTitles.ShouldBeFalse();
    }

    [Fact]
    public async Task SavePreferences_EmailInvitesWithoutAddress_AreRefused()
    {
        await SetEmailAsync(null);
        var service = NewService();
        var view = await service.GetPreferencesAsync(Zonnebloem, Ct);
        view.CanReceiveEmail.ShouldBeFalse();
        var input = view.Input;
        input.EmailInvites = true;
        input.FullTitles = true;

        var result = await service.SavePreferencesAsync(Zonnebloem, input, Ct);

        result.Succeeded.ShouldBeFalse();
        result.Field.ShouldBe(nameof(PreferencesInput.EmailInvites));
        result.Message.ShouldStartWith("Er is geen e-mailadres van je bekend");
        var stored = await ZonnebloemMembershipAsync();
        (stored.EmailInvites, stored.FullTitles).ShouldBe((false, false));
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("cyrillic")]
    [InlineData("accents")]
    public async Task SavePreferences_PseudonymClash_IsRefusedAtTheFieldAndChangesNothing(string variant)
    {
        var other = await OtherMemberPseudonymAsync();
        var clash = variant switch
        {
            "upper" => other.ToUpperInvariant(),
            // Latin a, e, o, p, c swapped for their Cyrillic look-alikes.
            "cyrillic" => other.Replace('a', 'а').Replace('e', 'е').Replace('o', 'о').Replace('p', 'р').Replace('c', 'с'),
            _ => " " + other.ToLowerInvariant().Replace("e", "é", StringComparison.Ordinal) + " ",
        };
        var service = NewService();
        var input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.Pseudonym = clash;
        input.Language = "en";

        var result = await service.SavePreferencesAsync(Zonnebloem, input, Ct);

        result.ShouldBe(MyAccountResult.Error(
            "Iemand in de groep heeft deze naam al, of een naam die er hetzelfde uitziet. Kies een andere.", nameof(PreferencesInput.Pseudonym)));
        (await ZonnebloemMembershipAsync()).Pseudonym.ShouldBe("Zonnebloem");
        await using var db = await DbAsync();
        (await db.Users.SingleAsync(u => u.Id == ZonnebloemId, Ct)).Language.ShouldBe("nl");
    }

    [Theory]
    [InlineData("a", "Een naam in de groep heeft minstens 2 tekens.")]
    [InlineData("mij@example.org", "Een naam in de groep mag geen e-mailadres zijn.")]
    [InlineData("Bel 0470123456", "Een naam in de groep mag geen telefoonnummer bevatten.")]
    public async Task SavePreferences_InvalidPseudonym_IsRefusedWithItsReason(string pseudonym, string message)
    {
        var service = NewService();
        var input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.Pseudonym = pseudonym;

        var result = await service.SavePreferencesAsync(Zonnebloem, input, Ct);

        result.ShouldBe(MyAccountResult.Error(message, nameof(PreferencesInput.Pseudonym)));
    }

    [Fact]
    public async Task SavePreferences_StaleVersion_IsAConflict()
    {
        var service = NewService();
        var first = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        var second = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        first.FullTitles = true;
        (await service.SavePreferencesAsync(Zonnebloem, first, Ct)).Succeeded.ShouldBeTrue();
        second.ReminderMinutes = 60;

        var result = await service.SavePreferencesAsync(Zonnebloem, second, Ct);

        result.Conflict.ShouldBeTrue();
        var stored = await ZonnebloemMembershipAsync();
        (stored.FullTitles, stored.ReminderMinutes).ShouldBe((true, (int?)null));
    }

    [Fact]
    public async Task Leave_Member_WithdrawsMembershipAndReferralAndTheFeedAnswers404()
    {
        using var client = _app.CreateClient();
        var feed = new Uri($"/calendar/{DemoDataSeeder.ParticipantFeedToken}.ics", UriKind.Relative);
        (await client.GetAsync(feed, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var membership = await ZonnebloemMembershipAsync();

        var left = await NewService().LeaveAsync(Zonnebloem, WithdrawalReason.PracticalReasons, Ct);

        left.ShouldBeTrue();
        (await client.GetAsync(feed, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = await DbAsync();
        var stored = await db.Set<Membership>().SingleAsync(m => m.Id == membership.Id, Ct);
        (stored.Status, stored.EndReason, stored.EndedAt).ShouldBe((MembershipStatus.Withdrawn, (WithdrawalReason?)WithdrawalReason.PracticalReasons, (DateTimeOffset?)Now));
        var referral = await db.Set<Referral>().SingleAsync(r => r.Id == membership.ReferralId, Ct);
        (referral.Status, referral.WithdrawalReason).ShouldBe((ReferralStatus.Withdrawn, (WithdrawalReason?)WithdrawalReason.PracticalReasons));
        (await NewService().LeaveAsync(Zonnebloem, null, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Export_Demo_HoldsOwnDataAndNothingOfOthers()
    {
        await SetEmailAsync(Address);
        var membership = await ZonnebloemMembershipAsync();
        await using var db = await DbAsync();
        var others = await db.Set<Membership>().AsNoTracking()
            .Where(m => m.ParticipantId != ZonnebloemId && m.Pseudonym != null).Select(m => m.Pseudonym!).ToListAsync(Ct);
        var remark = await db.Set<Referral>().Where(r => r.Id == membership.ReferralId).Select(r => r.CounsellorRemark).SingleAsync(Ct);
        var reference = await db.Set<Referral>().Where(r => r.Id == membership.ReferralId).Select(r => r.Reference).SingleAsync(Ct);

        var json = Encoding.UTF8.GetString(await NewService().ExportAsync(Zonnebloem, Ct));

        json.ShouldContain("\"loginName\": \"zonnebloem\"");
        json.ShouldContain("\"pseudonym\": \"Zonnebloem\"");
        json.ShouldContain($"\"email\": \"{Address}\"");
        json.ShouldContain($"\"reference\": \"{reference}\"");
        json.ShouldContain("\"passkeyCount\": 0");
        json.ShouldContain("\"answer\": \"Coming\"");
        json.ShouldNotContain("counsellorRemark", Case.Insensitive);
        if (remark is not null)
        {
            json.ShouldNotContain(remark);
        }

        others.Count.ShouldBeGreaterThan(5);
        foreach (var other in others)
        {
            json.ShouldNotContain($"\"{other}\"");
        }

        (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.DataExported && a.ActorId == ZonnebloemId, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Erase_AfterLeaving_KeepsEveryCountOfTheAnnualFigures()
    {
        await SetEmailAsync(Address);
        var membership = await ZonnebloemMembershipAsync();
        (await NewService().LeaveAsync(Zonnebloem, null, Ct)).ShouldBeTrue();
        var before = await FigureCountsAsync();
        int attendanceBefore;
        await using (var db = await DbAsync())
        {
            attendanceBefore = await db.Set<AttendanceRecord>().CountAsync(a => a.MembershipId == membership.Id, Ct);
        }

        var outcome = await NewService().EraseAsync(Zonnebloem, Ct);

        outcome.ShouldBe(EraseOutcome.Erased);
        (await FigureCountsAsync()).ShouldBe(before);
        await using (var db = await DbAsync())
        {
            (await db.Users.AnyAsync(u => u.Id == ZonnebloemId || u.UserName == DemoUsers.ParticipantUserName, Ct)).ShouldBeFalse();
            (await db.Set<IdentityUserPasskey<string>>().AnyAsync(p => p.UserId == ZonnebloemId, Ct)).ShouldBeFalse();
            (await db.Set<Membership>().AnyAsync(m => m.ParticipantId == ZonnebloemId || m.Pseudonym == "Zonnebloem", Ct)).ShouldBeFalse();
            var erased = await db.Set<Membership>().SingleAsync(m => m.Id == membership.Id, Ct);
            (erased.ParticipantId, erased.Pseudonym, erased.PseudonymSkeleton, erased.ErasedAt).ShouldBe((null, null, null, (DateTimeOffset?)Now));
            var referral = await db.Set<Referral>().SingleAsync(r => r.Id == membership.ReferralId, Ct);
            (referral.EmailCiphertext, referral.EmailBlindIndex, referral.EmailErasedAt).ShouldBe((null, null, (DateTimeOffset?)Now));
            (await db.Set<AttendanceRecord>().CountAsync(a => a.MembershipId == membership.Id, Ct)).ShouldBe(attendanceBefore);
            (await db.Set<MeetingResponse>().AnyAsync(r => r.MembershipId == membership.Id, Ct)).ShouldBeFalse();
            var audit = await db.Set<AuditEvent>().SingleAsync(a => a.Kind == AuditKind.ParticipantErased, Ct);
            (audit.ActorId, audit.EntityId).ShouldBe((MyAccountService.ErasedActor, membership.Id.ToString()));
        }

        // A second attempt changes nothing.
        (await NewService().EraseAsync(Zonnebloem, Ct)).ShouldBe(EraseOutcome.AlreadyErased);
        (await FigureCountsAsync()).ShouldBe(before);
        await using (var db = await DbAsync())
        {
            (await db.Set<AuditEvent>().CountAsync(a => a.Kind == AuditKind.ParticipantErased, Ct)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Erase_ActiveMember_EndsTheMembershipForPrivacyAndStopsTheFeed()
    {
        var membership = await ZonnebloemMembershipAsync();
        using var client = _app.CreateClient();
        var feed = new Uri($"/calendar/{DemoDataSeeder.ParticipantFeedToken}.ics", UriKind.Relative);

        (await NewService().EraseAsync(Zonnebloem, Ct)).ShouldBe(EraseOutcome.Erased);

        (await client.GetAsync(feed, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = await DbAsync();
        var erased = await db.Set<Membership>().SingleAsync(m => m.Id == membership.Id, Ct);
        (erased.Status, erased.EndReason, erased.ParticipantId).ShouldBe((MembershipStatus.Withdrawn, (WithdrawalReason?)WithdrawalReason.PrivacyConcerns, null));
        (await db.Set<Referral>().SingleAsync(r => r.Id == membership.ReferralId, Ct)).Status.ShouldBe(ReferralStatus.Withdrawn);
    }

    [Fact]
    public async Task Erase_OtherParticipant_LeavesZonnebloemUntouched()
    {
        var other = Participant("someone-else");

        (await NewService().EraseAsync(other, Ct)).ShouldBe(EraseOutcome.AlreadyErased);

        (await ZonnebloemMembershipAsync()).Pseudonym.ShouldBe("Zonnebloem");
    }

    /// <summary>The hostile catalogue (issue 8) as the pseudonym and as the language: a message at the field and nothing changed, or a clean name.</summary>
    [Theory]
    [MemberData(nameof(Security.HostileInput.HostileCatalogue.StringCases), MemberType = typeof(Security.HostileInput.HostileCatalogue))]
    public async Task SavePreferences_HostileCatalogue_FieldMessageOrCleanName(string kind, string value)
    {
        var service = NewService();
        var input = (await service.GetPreferencesAsync(Zonnebloem, Ct)).Input;
        input.Pseudonym = value;
        var pseudonym = await service.SavePreferencesAsync(Zonnebloem, input, Ct);

        var stored = (await ZonnebloemMembershipAsync()).Pseudonym!;
        if (pseudonym.Succeeded)
        {
            // A formula prefix is safe as a name: the only CSV the app writes (AnnualReport) neutralises formula prefixes and holds no names; pages show text.
            stored.ShouldNotContain(c => char.IsControl(c) || c == '\u202E' || c == '\u200B', kind);
            stored.Length.ShouldBeInRange(2, 30, kind);
        }
        else
        {
            (pseudonym.Field, string.IsNullOrWhiteSpace(pseudonym.Message)).ShouldBe((nameof(PreferencesInput.Pseudonym), false), kind);
            stored.ShouldBe("Zonnebloem", kind);
        }

        var again = (await NewService().GetPreferencesAsync(Zonnebloem, Ct)).Input;
        again.Language = value;
        var language = await NewService().SavePreferencesAsync(Zonnebloem, again, Ct);
        language.Succeeded.ShouldBeFalse(kind);
        language.Field.ShouldBe(nameof(PreferencesInput.Language), kind);
    }
}
