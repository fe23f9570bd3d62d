using System.Net;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.DevSignIn;

public sealed class ProductionGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_DevSignInEnabledOutsideDevelopment_Throws(string environment)
    {
        using var factory = new LotgenotenWebFactory(environment, new Dictionary<string, string?> { ["DevSignIn:Enabled"] = "true" });

        var exception = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        exception.Message.ShouldContain("DevSignIn:Enabled");
    }

    [Theory]
    [InlineData("/dev/signin")]
    [InlineData("/dev/signin?user=coordinator")]
    [InlineData("/dev/signin?user=participant&returnUrl=%2Fmijn")]
    public async Task Get_InProduction_Returns404WithoutCookie(string url)
    {
        using var factory = new LotgenotenWebFactory("Production");
        using var client = factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.SetCookies().ShouldNotContain(c => c.StartsWith(".Lotgenoten.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_InDevelopmentSwitchedOff_Returns404()
    {
        using var factory = new LotgenotenWebFactory(settings: new Dictionary<string, string?> { ["DevSignIn:Enabled"] = "false" });
        using var client = factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
