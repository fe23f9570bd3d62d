using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Features.Groups;
using Lotgenoten.Web.Features.Referrals;
using Lotgenoten.Web.Tests.Features.Referrals;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Security.HostileInput;

/// <summary>One app for the form-service sweeps, on a fixed clock.</summary>
public sealed class HostileFormsApp : LotgenotenWebFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
    }
}

/// <summary>
/// The hostile catalogue on every text, number, enum and date field of the referral form and the group form, at the
/// service (what a forged circuit event reaches): a localized field message and nothing saved (not even an audit
/// event), or a save that keeps the text as text; never an exception.
/// </summary>
public sealed class FormServiceHostileTests(HostileFormsApp app) : IClassFixture<HostileFormsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Staff(string oid, string role) =>
        new(new ClaimsIdentity([new Claim("oid", oid), new Claim("name", "Test"), new Claim("roles", role)], "test", "name", "roles"));

    public static TheoryData<string, string, string> Strings(params string[] fields)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in fields)
        {
            foreach (var (name, value) in HostileCatalogue.Strings)
            {
                data.Add(field, name, value);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> ReferralStrings() => Strings("Remark", "Email", "NoticeVersion");

    public static TheoryData<string, string, string> GroupStrings() => Strings("Name", "Address", "OnlineLink");

    private T Service<T>()
        where T : notnull
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        return app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
    }

    private async Task<(int Referrals, int Groups, int Audit)> CountsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        return (await db.Set<Referral>().CountAsync(Ct), await db.Set<PeerGroup>().CountAsync(Ct), await db.Set<AuditEvent>().CountAsync(Ct));
    }

    private static void ShouldBeText(string? stored, string label)
    {
        (stored ?? "").ShouldNotContain(c => char.IsControl(c) && c != '\n' && c != '\r' && c != '\t', label);
        (stored ?? "").ShouldNotContain(c => c == '\u202E' || c == '\u200B' || c == '\0', label);
    }

    [Theory]
    [MemberData(nameof(ReferralStrings))]
    public async Task ReferralForm_HostileText_FieldMessageOrSafeText(string field, string label, string value)
    {
        var input = ReferralInputValidatorTests.Valid();
        typeof(ReferralInput).GetProperty(field)!.SetValue(input, value);
        if (field == "Email")
        {
            input.ContactPreference = ContactPreference.Email;
        }

        await AssertReferralAsync(input, $"{field} = {label}", field);
    }

    [Theory]
    [MemberData(nameof(HostileCatalogue.DateCases), MemberType = typeof(HostileCatalogue))]
    public async Task ReferralForm_HostileDate_FieldMessageOrStored(string label, string value)
    {
        var input = ReferralInputValidatorTests.Valid();
        if (!DateOnly.TryParse(value.Split('T')[0], CultureInfo.InvariantCulture, out var date))
        {
            return; // a date picker cannot send text that is not a date; the API sweep covers the text
        }

        input.ReceivedOn = date;
        await AssertReferralAsync(input, "ReceivedOn = " + label, "ReceivedOn");
    }

    [Theory]
    [InlineData("Channel", 999)]
    [InlineData("Relation", -1)]
    [InlineData("Concern", 42)]
    [InlineData("Language", 7)]
    [InlineData("Region", 999)]
    [InlineData("Format", int.MaxValue)]
    [InlineData("ContactPreference", int.MinValue)]
    public async Task ReferralForm_UnknownEnumValue_FieldMessageAndNothingSaved(string field, int value)
    {
        var input = ReferralInputValidatorTests.Valid();
        var property = typeof(ReferralInput).GetProperty(field)!;
        property.SetValue(input, Enum.ToObject(Nullable.GetUnderlyingType(property.PropertyType)!, value));
        var before = await CountsAsync();

        var result = await Service<ReferralService>().RegisterAsync(Staff("counsellor-oid", AppRoles.Counsellor), input, Ct);

        result.Succeeded.ShouldBeFalse();
        result.FieldErrors.Keys.ShouldContain(field);
        (await CountsAsync()).ShouldBe(before);
    }

    private async Task AssertReferralAsync(ReferralInput input, string label, string field)
    {
        var before = await CountsAsync();
        var result = await Service<ReferralService>().RegisterAsync(Staff("counsellor-oid", AppRoles.Counsellor), input, Ct);

        if (!result.Succeeded)
        {
            result.FieldErrors.Keys.ShouldContain(field, label);
            result.FieldErrors[field].ShouldNotBeNullOrWhiteSpace(label);
            (await CountsAsync()).ShouldBe(before, label + ": a refusal saves nothing");
            return;
        }

        (await CountsAsync()).Referrals.ShouldBe(before.Referrals + 1, label);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.Set<Referral>().AsNoTracking().OrderByDescending(r => r.Id).FirstAsync(Ct);
        ShouldBeText(stored.CounsellorRemark, label);
        ShouldBeText(stored.PrivacyNoticeVersion, label);
    }

    private static GroupInput Group(GroupFormat format) => new()
    {
        Name = "Partners " + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 26)))),
        Audience = GroupAudience.Partners,
        Language = Language.Nl,
        Format = format,
        Region = Region.EastFlanders,
        Address = format == GroupFormat.InPerson ? "Kouter 1\n9000 Gent" : null,
        OnlineLink = format == GroupFormat.Online ? "https://meet.example.org/groep" : null,
        MinimumToStart = 4,
        MaximumSize = 10,
    };

    [Theory]
    [MemberData(nameof(GroupStrings))]
    public async Task GroupForm_HostileText_FieldMessageOrSafeText(string field, string label, string value)
    {
        var input = Group(field == "OnlineLink" ? GroupFormat.Online : GroupFormat.InPerson);
        typeof(GroupInput).GetProperty(field)!.SetValue(input, value);
        await AssertGroupAsync(input, $"{field} = {label}", field);
    }

    [Theory]
    [InlineData("MinimumToStart", 0)]
    [InlineData("MinimumToStart", -1)]
    [InlineData("MinimumToStart", int.MinValue)]
    [InlineData("MaximumSize", int.MaxValue)]
    [InlineData("MaximumSize", -5)]
    [InlineData("MaximumSize", 0)]
    public async Task GroupForm_HostileNumber_FieldMessageAndNothingSaved(string field, int value)
    {
        var input = Group(GroupFormat.InPerson);
        typeof(GroupInput).GetProperty(field)!.SetValue(input, value);
        await AssertGroupAsync(input, $"{field} = {value}", field, mustRefuse: true);
    }

    [Theory]
    [InlineData("Audience", 999)]
    [InlineData("Language", -1)]
    [InlineData("Format", 42)]
    [InlineData("Region", int.MaxValue)]
    public async Task GroupForm_UnknownEnumValue_FieldMessageAndNothingSaved(string field, int value)
    {
        var input = Group(GroupFormat.InPerson);
        var property = typeof(GroupInput).GetProperty(field)!;
        property.SetValue(input, Enum.ToObject(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, value));
        await AssertGroupAsync(input, $"{field} = {value}", field, mustRefuse: true);
    }

    private async Task AssertGroupAsync(GroupInput input, string label, string field, bool mustRefuse = false)
    {
        var before = await CountsAsync();
        var result = await Service<GroupService>().CreateAsync(Staff("coordinator-oid", AppRoles.Coordinator), input, Ct);

        if (!result.Succeeded || mustRefuse)
        {
            result.Succeeded.ShouldBeFalse(label);
            result.FieldErrors.Keys.ShouldContain(field, label);
            (await CountsAsync()).ShouldBe(before, label + ": a refusal saves nothing");
            return;
        }

        (await CountsAsync()).Groups.ShouldBe(before.Groups + 1, label);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.Set<PeerGroup>().AsNoTracking().SingleAsync(g => g.Id == result.Id, Ct);
        ShouldBeText(stored.Name, label);
        ShouldBeText(stored.Address, label);
        ShouldBeText(stored.OnlineLink, label);
    }
}
