using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Lotgenoten.Web.Components;
using Lotgenoten.Web.Features.DevSignIn;
using Lotgenoten.Web.Features.Home;
using Lotgenoten.Web.Features.Participants;

namespace Lotgenoten.Web.Tests.Components;

/// <summary>Every text exists in Dutch (the neutral resources), French and English.</summary>
public sealed partial class LocalizationTests
{
    public static TheoryData<Type> Areas() => [typeof(ShellTexts), typeof(HomeTexts), typeof(ParticipantTexts), typeof(DevSignInTexts), typeof(Lotgenoten.Web.Features.Outbox.OutboxTexts), typeof(Lotgenoten.Web.Features.Meetings.PlannerTexts), typeof(Lotgenoten.Web.Features.Groups.GroupTexts), typeof(Lotgenoten.Web.Features.Calendar.CalendarTexts), typeof(Lotgenoten.Web.Components.Shared.EnumTexts), typeof(Lotgenoten.Web.Features.ReferralApi.ReferralApiTexts), typeof(Lotgenoten.Web.Features.Referrals.WaitingListTexts), typeof(Lotgenoten.Web.Features.Placement.PlacementTexts), typeof(Lotgenoten.Web.Features.Placement.InvitationMailTexts), typeof(Lotgenoten.Web.Features.Referrals.ReferralTexts), typeof(Lotgenoten.Web.Features.Invitations.RedeemTexts), typeof(Lotgenoten.Web.Features.MyAccount.MyAccountTexts), typeof(Lotgenoten.Web.Features.Passkeys.PasskeyTexts), typeof(Lotgenoten.Web.Features.Attendance.AttendanceTexts), typeof(Lotgenoten.Web.Features.Audit.AuditTexts), typeof(Lotgenoten.Web.Features.Notes.NoteTexts), typeof(Lotgenoten.Web.Features.Safeguarding.SafeguardingTexts), typeof(Lotgenoten.Web.Features.Safeguarding.SafeguardingMailTexts), typeof(Lotgenoten.Web.Features.Reports.FiguresTexts), typeof(Lotgenoten.Web.Features.Dashboard.DashboardTexts), typeof(Lotgenoten.Web.Features.Dashboard.DashboardListTexts), typeof(Lotgenoten.Web.Features.Bench.BenchTexts)];

    [Theory]
    [MemberData(nameof(Areas))]
    public void Resources_FrenchAndEnglish_HaveEveryDutchKey(Type area)
    {
        var manager = new ResourceManager(area);
        var dutch = Entries(manager, CultureInfo.InvariantCulture);
        dutch.ShouldNotBeEmpty();

        foreach (var culture in new[] { "fr", "en" })
        {
            var translated = Entries(manager, CultureInfo.GetCultureInfo(culture));
            translated.Keys.Order().ShouldBe(dutch.Keys.Order(), $"{area.Name}.{culture}");
            translated.Values.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v));
        }
    }

    [Fact]
    public void Razor_EveryTextKeyUsed_Exists()
    {
        var source = Path.Combine(SolutionDirectory(), "Lotgenoten.Web");
        var keys = Areas().SelectMany(row => Entries(new ResourceManager(row.Data), CultureInfo.InvariantCulture).Keys).ToHashSet();

        var missing = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Where(key => !keys.Contains(key))
            .Distinct()
            .ToList();

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void EnumTexts_EveryValueOfEveryShownEnum_HasAName()
    {
        Type[] shown =
        [
            typeof(Domain.Referrals.ReferralChannel), typeof(Domain.Referrals.Relation), typeof(Domain.Referrals.Concern),
            typeof(Domain.Common.Language), typeof(Domain.Common.Region), typeof(Domain.Referrals.FormatPreference),
            typeof(Domain.Referrals.ContactPreference), typeof(Domain.Referrals.ReferralStatus), typeof(Domain.Referrals.WithdrawalReason),
            typeof(Domain.Referrals.DeclineReason), typeof(Domain.Groups.GroupAudience), typeof(Domain.Groups.GroupFormat),
            typeof(Domain.Groups.GroupStatus), typeof(DayOfWeek), typeof(Domain.Referrals.DayPart),
            typeof(Domain.Invitations.InvitationState), typeof(Domain.Invitations.InvitationDelivery),
            typeof(Domain.Attendance.AttendanceStatus), typeof(Domain.Attendance.RsvpAnswer), typeof(Domain.Meetings.MeetingStatus),
            typeof(Domain.Notes.NoteKind), typeof(Domain.Notes.ConcernStatus), typeof(Domain.Audit.AuditKind),
        ];
        var keys = Entries(new ResourceManager(typeof(Lotgenoten.Web.Components.Shared.EnumTexts)), CultureInfo.InvariantCulture).Keys.ToHashSet();

        var missing = shown.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}_{n}")).Where(k => !keys.Contains(k)).ToList();

        missing.ShouldBeEmpty();
    }

    private static Dictionary<string, string> Entries(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false).ShouldNotBeNull($"{culture.Name} resources");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static string SolutionDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lotgenoten.sln")))
        {
            directory = directory.Parent;
        }

        return directory.ShouldNotBeNull("Lotgenoten.sln not found above the test output").FullName;
    }

    [GeneratedRegex("""(?:\bT|\bShell)\["(?<key>[A-Za-z_]+)"[\],]""")]
    private static partial Regex TextKey();
}
