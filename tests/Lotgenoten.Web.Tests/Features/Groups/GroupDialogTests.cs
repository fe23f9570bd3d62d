using System.Globalization;
using System.Security.Claims;
using Bunit;
using FluentValidation;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Features.Groups;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lotgenoten.Web.Tests.Features.Groups;

/// <summary>The group form shows the validator's messages (in Dutch) at the fields, and saves nothing while invalid.</summary>
public sealed class GroupDialogTests : MudBunitContext
{
    public GroupDialogTests()
    {
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IDbContextFactory<LotgenotenDbContext>, NoDatabase>();
        Services.AddScoped<GroupService>();
        Services.AddScoped<IValidator<GroupInput>, GroupInputValidator>();
    }

    [Fact]
    public async Task Save_EmptyInPersonForm_ShowsRequiredMessagesAtTheFields()
    {
        UseDutch();
        var provider = await OpenAsync();

        await provider.Find("[data-testid=group-save]").ClickAsync(new());

        provider.WaitForAssertion(() => Errors(provider).ShouldBe(["Vul dit in.", "Kies de provincie.", "Een fysieke groep heeft een adres nodig."]));
    }

    [Fact]
    public async Task Save_HostileName_ShowsLengthAndControlCharacterMessages()
    {
        UseDutch();
        var provider = await OpenAsync();

        provider.Find("input[data-testid=field-name]").Input(new string('x', 2_000));
        await provider.Find("[data-testid=group-save]").ClickAsync(new());
        provider.WaitForAssertion(() => Errors(provider).ShouldContain("Maximaal 100 tekens."));

        provider.Find("input[data-testid=field-name]").Input("Partners\0Gent");
        provider.WaitForAssertion(() => Errors(provider).ShouldContain("Bevat onzichtbare tekens die niet zijn toegestaan."));
        Errors(provider).ShouldNotContain("Maximaal 100 tekens.");
    }

    [Fact]
    public async Task Save_OnlineWithHttpLink_ShowsHttpsMessage()
    {
        UseDutch();
        var provider = await OpenAsync();

        var online = provider.FindAll("input[type=radio]")[1];
        await online.ClickAsync(new());
        provider.WaitForAssertion(() => provider.Find("input[data-testid=field-link]"));
        provider.Find("input[data-testid=field-link]").Input("http://meet.example.org/x");
        await provider.Find("[data-testid=group-save]").ClickAsync(new());

        provider.WaitForAssertion(() => Errors(provider).ShouldContain("De link moet met https:// beginnen."));
    }

    /// <summary>Sync, so that the culture stays set for the rest of the test method.</summary>
    private static void UseDutch() => CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<GroupDialog> { { d => d.User, new ClaimsPrincipal(new ClaimsIdentity()) } };
        await provider.InvokeAsync(() => dialogs.ShowAsync<GroupDialog>("Nieuwe groep", parameters));
        provider.WaitForAssertion(() => provider.Find("[data-testid=group-save]"));
        return provider;
    }

    private static string[] Errors(IRenderedComponent<MudDialogProvider> provider) =>
        [.. provider.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];

    /// <summary>The form must not reach the database while it is invalid.</summary>
    private sealed class NoDatabase : IDbContextFactory<LotgenotenDbContext>
    {
        public LotgenotenDbContext CreateDbContext() => throw new InvalidOperationException("The form saved while invalid.");
    }
}
