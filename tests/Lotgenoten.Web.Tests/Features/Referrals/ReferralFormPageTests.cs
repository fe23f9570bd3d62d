using System.Globalization;
using System.Security.Claims;
using Bunit;
using FluentValidation;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Referrals;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Lotgenoten.Web.Tests.Features.Referrals;

/// <summary>
/// The referral form shows the validator's messages (in Dutch) at the fields and saves nothing while invalid; the
/// availability grid names every slot and its quick picks set the right slots.
/// </summary>
public sealed class ReferralFormPageTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public ReferralFormPageTests()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<LotgenotenDbContext>, NoDatabase>();
        Services.AddSingleton<IFieldProtector, NoProtector>();
        Services.AddSingleton(Options.Create(new ReferralOptions { PrivacyNoticeVersion = "2026-01" }));
        Services.AddScoped<IValidator<ReferralInput>, ReferralInputValidator>();
        Services.AddScoped<ReferralRegistrar>();
        Services.AddScoped<ReferralService>();
    }

    [Fact]
    public async Task Save_EmptyForm_ShowsMessagesAtEveryFieldAndSavesNothing()
    {
        UseDutch();
        var page = RenderForm();

        await page.Find("[data-testid=referral-save]").ClickAsync(new());

        page.WaitForAssertion(() => Errors(page).ShouldBe(
            [.. Enumerable.Repeat("Maak een keuze.", 7), "Zonder toestemming kunnen we de persoon niet contacteren."]));
        page.Find("[data-testid=availability-error]").TextContent.Trim().ShouldBe("Kies minstens één moment waarop de persoon kan.");
        page.Find("[data-testid=referral-form-error]").TextContent.Trim()
            .ShouldBe("Niet alles is goed ingevuld. Kijk de rood gemarkeerde velden na; wat je typte blijft staan.");
        page.FindAll("[data-testid=referral-success]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_HostileRemarkAndEmail_ShowsMessagesAtThoseFieldsAndKeepsTheText()
    {
        UseDutch();
        var page = RenderForm();

        page.Find("textarea[data-testid=field-remark]").Input("Belde\0 gisteren");
        page.Find("textarea[data-testid=field-remark]").Blur();
        page.Find("input[data-testid=field-email]").Input("naaste@example.org\nBcc: x@example.org");
        page.Find("input[data-testid=field-email]").Blur();
        await page.Find("[data-testid=referral-save]").ClickAsync(new());

        page.WaitForAssertion(() => Errors(page).ShouldContain("Deze tekst bevat onzichtbare of stuurtekens; typ hem opnieuw."));
        Errors(page).ShouldContain("Dit is geen geldig e-mailadres (één adres, zonder naam of regeleinde).");
        page.Instance.ShouldNotBeNull();
        page.FindAll("[data-testid=referral-success]").ShouldBeEmpty();
    }

    [Fact]
    public void Render_Defaults_ReceivedTodayInBrusselsWithNoticeVersionAndBoundedRemark()
    {
        UseDutch();
        var page = RenderForm();

        page.Find("input[data-testid=field-received-on]").GetAttribute("value").ShouldBe("29/11/2026");
        page.Markup.ShouldContain("aanvaardt de privacyverklaring (versie 2026-01).");
        page.Find("textarea[data-testid=field-remark]").GetAttribute("maxlength").ShouldBe("2000");
        page.FindAll("input[type=radio]").Count.ShouldBe(6 + 8 + 4 + 3 + 3 + 2);
    }

    [Fact]
    public void Render_Facilitator_ShowsAccessDenied()
    {
        UseDutch();
        var auth = AddAuthorization();
        auth.SetAuthorized("Pieter");
        auth.SetRoles("Facilitator");
        auth.SetClaims(new Claim("oid", "facilitator-oid"));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<ReferralFormPage>();

        page.FindAll("[data-testid=referral-form]").ShouldBeEmpty();
        page.Find("h1").TextContent.ShouldNotBe("Doorverwijzing registreren");
    }

    [Fact]
    public void Grid_EverySlot_HasAnAccessibleNameOfDayAndPart()
    {
        UseDutch();
        var grid = Render<AvailabilityGrid>();

        var names = grid.FindAll("input[type=checkbox]").Select(c => NameOf(grid, c)).ToList();

        names.Count.ShouldBe(21);
        names.Take(4).ShouldBe(["maandag voormiddag", "maandag namiddag", "maandag avond", "dinsdag voormiddag"]);
        names.ShouldContain("dinsdag avond");
        names.Last().ShouldBe("zondag avond");
    }

    [Fact]
    public async Task Grid_QuickPicksAndToggle_ChangeTheValue()
    {
        UseDutch();
        var value = WeeklyAvailability.None;
        var grid = Render<AvailabilityGrid>(p => p
            .Add(g => g.Value, value)
            .Add(g => g.ValueChanged, EventCallback.Factory.Create<WeeklyAvailability>(this, v => value = v)));

        await grid.Find("[data-testid=availability-evenings]").ClickAsync(new());
        value.Slots.ShouldBe(WeeklyAvailability.MondayFirst.Select(d => new AvailabilitySlot(d, DayPart.Evening)));

        grid.Render(p => p.Add(g => g.Value, value));
        grid.Find("input[data-slot=Tuesday-Evening]").Change(false);
        value.Contains(new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)).ShouldBeFalse();
        value.Slots.Count().ShouldBe(6);

        grid.Render(p => p.Add(g => g.Value, value));
        await grid.Find("[data-testid=availability-weekdays]").ClickAsync(new());
        value.Slots.Count().ShouldBe(6 + 10);
        value.Contains(new AvailabilitySlot(DayOfWeek.Friday, DayPart.Afternoon)).ShouldBeTrue();
        value.Contains(new AvailabilitySlot(DayOfWeek.Saturday, DayPart.Morning)).ShouldBeFalse();

        grid.Render(p => p.Add(g => g.Value, value));
        await grid.Find("[data-testid=availability-clear]").ClickAsync(new());
        value.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Grid_ReadOnly_HasNoQuickPicksAndIgnoresChanges()
    {
        UseDutch();
        var value = WeeklyAvailability.Of([new AvailabilitySlot(DayOfWeek.Tuesday, DayPart.Evening)]);
        var changed = false;
        var grid = Render<AvailabilityGrid>(p => p
            .Add(g => g.Value, value)
            .Add(g => g.ReadOnly, true)
            .Add(g => g.ValueChanged, EventCallback.Factory.Create<WeeklyAvailability>(this, _ => changed = true)));

        grid.FindAll("[data-testid=availability-evenings]").ShouldBeEmpty();
        grid.FindAll("input[type=checkbox]:checked").Select(c => NameOf(grid, c)).ShouldBe(["dinsdag avond"]);
        changed.ShouldBeFalse();
    }

    /// <summary>Sync, so that the culture stays set for the rest of the test method.</summary>
    private static void UseDutch()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        CultureInfo.CurrentCulture = new CultureInfo("nl-BE");
    }

    /// <summary>A checkbox's accessible name: MudBlazor names it by aria-labelledby.</summary>
    private static string NameOf(IRenderedComponent<AvailabilityGrid> grid, AngleSharp.Dom.IElement checkbox) =>
        grid.Find("#" + checkbox.GetAttribute("aria-labelledby")).TextContent.Trim();

    private IRenderedComponent<ReferralFormPage> RenderForm()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Jonas");
        auth.SetRoles("Counsellor");
        auth.SetClaims(new Claim("oid", "counsellor-oid"));
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        var page = Render<ReferralFormPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=referral-save]"));
        return page;
    }

    private static string[] Errors(IRenderedComponent<ReferralFormPage> page) =>
        [.. page.FindAll(".mud-input-helper-text.mud-input-error .me-auto").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];

    /// <summary>The form must not reach the database while it is invalid.</summary>
    private sealed class NoDatabase : IDbContextFactory<LotgenotenDbContext>
    {
        public LotgenotenDbContext CreateDbContext() => throw new InvalidOperationException("The form saved while invalid.");
    }

    private sealed class NoProtector : IFieldProtector
    {
        public string Protect(string purpose, string plaintext) => throw new InvalidOperationException("Nothing is protected here.");

        public string Unprotect(string purpose, string ciphertext) => throw new InvalidOperationException("Nothing is protected here.");

        public string BlindIndex(string purpose, string normalizedValue) => throw new InvalidOperationException("Nothing is indexed here.");
    }
}
