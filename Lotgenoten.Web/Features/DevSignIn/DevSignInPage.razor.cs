using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Components;
using Lotgenoten.Web.Features.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.DevSignIn;

/// <summary>
/// Lists the demo users; each card links to <c>/dev/signin?user=…</c>, which <see cref="DevSignInSetup.UseDevSignIn"/>
/// handles before this page is reached. Outside Development the middleware answers 404, and so does this page.
/// </summary>
public sealed partial class DevSignInPage
{
    [Inject]
    private IOptions<DevSignInOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DevSignInTexts> T { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ShellTexts> Shell { get; set; } = default!;

    [SupplyParameterFromQuery(Name = AuthenticationSetup.ReturnUrlParameter)]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized()
    {
        if (!Options.Value.Enabled)
        {
            Navigation.NotFound();
        }
    }

    private string SignInUrl(DemoUser user)
    {
        var url = $"{DevSignInOptions.Path}?user={Uri.EscapeDataString(user.Key)}";
        return LocalUrl.IsLocal(ReturnUrl)
            ? $"{url}&{AuthenticationSetup.ReturnUrlParameter}={Uri.EscapeDataString(ReturnUrl!)}"
            : url;
    }

    private static string Initials(DemoUser user) =>
        string.Concat(user.DisplayName
            .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Take(2)
            .Select(part => char.ToUpperInvariant(part[0])));
}
