using System.Globalization;
using Bunit;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Passkeys;

/// <summary>What PasskeySubmit renders for js/passkeys.js: the options endpoint, the hidden credential field, the texts.</summary>
public sealed class PasskeySubmitTests : MudBunitContext
{
    public PasskeySubmitTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
    }

    [Fact]
    public void Create_WithUserNameField_AsksNewAccountOptionsAndFillsNameCredentialJson()
    {
        var cut = Render<PasskeySubmit>(p => p
            .Add(c => c.Operation, "create")
            .Add(c => c.Name, "Input")
            .Add(c => c.UserNameField, "Input.UserName"));

        var element = cut.Find("passkey-submit");
        element.GetAttribute("operation").ShouldBe("create");
        element.GetAttribute("options-url").ShouldBe(PasskeyEndpoints.NewAccountOptionsPath);
        element.GetAttribute("user-name-field").ShouldBe("Input.UserName");
        var hidden = cut.Find("input[type=hidden][data-passkey-credential]");
        hidden.GetAttribute("name").ShouldBe("Input.CredentialJson");
        hidden.GetAttribute("value").ShouldBe("");
        var button = cut.Find("button[data-passkey-trigger]");
        button.GetAttribute("type").ShouldBe("button");
        button.TextContent.Trim().ShouldBe("Een passkey maken");
        cut.Find("[data-passkey-status]").GetAttribute("role").ShouldBe("status");
    }

    [Fact]
    public void Request_Rendered_CarriesTheTooManyAttemptsTextForA429()
    {
        var cut = Render<PasskeySubmit>(p => p.Add(c => c.Operation, "request").Add(c => c.Name, "Passkey"));

        cut.Find("passkey-submit").GetAttribute("data-text-too-many")
            .ShouldBe("Er zijn vanaf dit toestel te veel pogingen gedaan. Probeer het straks opnieuw.");
    }

    [Fact]
    public void Create_WithoutUserNameField_AsksOptionsForTheOwnAccount()
    {
        var cut = Render<PasskeySubmit>(p => p
            .Add(c => c.Operation, "create")
            .Add(c => c.Name, "Passkey")
            .Add(c => c.Text, "Passkey toevoegen"));

        cut.Find("passkey-submit").GetAttribute("options-url").ShouldBe(PasskeyEndpoints.AccountOptionsPath);
        cut.Find("input[data-passkey-credential]").GetAttribute("name").ShouldBe("Passkey.CredentialJson");
        cut.Find("button[data-passkey-trigger]").TextContent.Trim().ShouldBe("Passkey toevoegen");
    }

    [Fact]
    public void Request_AsksRequestOptionsWithTheSignInText()
    {
        var cut = Render<PasskeySubmit>(p => p
            .Add(c => c.Operation, "request")
            .Add(c => c.Name, "Passkey"));

        var element = cut.Find("passkey-submit");
        element.GetAttribute("operation").ShouldBe("request");
        element.GetAttribute("options-url").ShouldBe(PasskeyEndpoints.RequestOptionsPath);
        element.GetAttribute("data-text-failed").ShouldBe("Dat lukte niet. Probeer het opnieuw, of gebruik je wachtzin.");
        cut.Find("button[data-passkey-trigger]").TextContent.Trim().ShouldBe("Aanmelden met een passkey");
    }
}
