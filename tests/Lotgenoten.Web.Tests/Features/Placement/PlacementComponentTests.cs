using System.Globalization;
using System.Security.Claims;
using Bunit;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Placement;
using Lotgenoten.Web.Features.Referrals;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Lotgenoten.Web.Tests.Features.Placement;

/// <summary>The reason chips and the placement dialog's choices, in Dutch.</summary>
public sealed class PlacementComponentTests : MudBunitContext
{
    public PlacementComponentTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IDbContextFactory<LotgenotenDbContext>, NoDatabase>();
        Services.AddSingleton<IFieldProtector, NoProtector>();
        Services.AddSingleton<IOutbox, NoOutbox>();
        Services.AddSingleton(Options.Create(new ReferralOptions()));
        Services.AddScoped<PlacementService>();
    }

    [Fact]
    public void ReasonChips_PositivesAndConcerns_ReadWithIconAndTextNotOnlyColour()
    {
        UseDutch();

        var chips = Render<ReasonChips>(p => p.Add(c => c.Reasons, new List<MatchReason>
        {
            new(MatchReasonKind.LanguageMatches), new(MatchReasonKind.SlotOutsideAvailability), new(MatchReasonKind.PlacesFree, 3),
        }));

        var items = chips.FindAll("[data-reason]");
        items.Select(i => (i.GetAttribute("data-reason"), i.GetAttribute("data-concern"), i.TextContent.Trim())).ShouldBe(
        [
            ("LanguageMatches", "false", "Zelfde taal"),
            ("SlotOutsideAvailability", "true", "Buiten beschikbaarheid"),
            ("PlacesFree", "false", "3 vrij"),
        ]);
        items.ShouldAllBe(i => i.QuerySelector("svg") != null);
        items[0].ClassList.ShouldContain("mud-chip-color-success");
        items[1].ClassList.ShouldContain("mud-chip-color-warning");
        chips.Find("ul").GetAttribute("aria-label").ShouldBe("Waarom");
    }

    [Theory]
    [InlineData(false, true, "Niet mogelijk: er is geen e-mailadres bekend.")]
    [InlineData(true, false, "Een neutrale e-mail met de link en de code, in de taal van de persoon.")]
    public async Task PlaceDialog_EmailChoice_DisabledWithAnExplanationWithoutAddress(bool hasEmail, bool disabled, string help)
    {
        UseDutch();
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<PlaceDialog>
        {
            { d => d.User, new ClaimsPrincipal(new ClaimsIdentity()) },
            { d => d.ReferralId, Guid.NewGuid() },
            { d => d.Reference, "019F043A" },
            { d => d.GroupName, "Partners Antwerpen" },
            { d => d.HasEmail, hasEmail },
        };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<PlaceDialog>("Plaatsen", parameters, PlaceDialog.Options));
        provider.WaitForAssertion(() => provider.Find("[data-testid=place-confirm]"));

        provider.Find("[data-testid=place-summary]").TextContent.Trim().ShouldStartWith("Doorverwijzing 019F043A krijgt een plaats in Partners Antwerpen.");
        var radios = provider.FindAll("input[type=radio]");
        radios.Count.ShouldBe(2);
        radios[0].HasAttribute("disabled").ShouldBe(disabled);
        radios[1].HasAttribute("disabled").ShouldBeFalse();
        provider.Find("[data-testid=delivery-email-help]").TextContent.Trim().ShouldBe(help);
        provider.FindAll("[data-testid=invitation-code]").ShouldBeEmpty();
    }

    /// <summary>Sync, so that the culture stays set for the rest of the test method.</summary>
    private static void UseDutch() => CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");

    private sealed class NoDatabase : IDbContextFactory<LotgenotenDbContext>
    {
        public LotgenotenDbContext CreateDbContext() => throw new InvalidOperationException("No database in this test.");
    }

    private sealed class NoProtector : IFieldProtector
    {
        public string Protect(string purpose, string plaintext) => throw new InvalidOperationException();

        public string Unprotect(string purpose, string ciphertext) => throw new InvalidOperationException();

        public string BlindIndex(string purpose, string normalizedValue) => throw new InvalidOperationException();
    }

    private sealed class NoOutbox : IOutbox
    {
        public void Enqueue(LotgenotenDbContext db, OutgoingEmail email) => throw new InvalidOperationException();
    }
}
