using Lotgenoten.Web.Features.ReferralApi;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

/// <summary>The <c>ApiClients</c> section: checked at start-up, and the public development keys only in Development.</summary>
public sealed class ApiClientOptionsTests
{
    [Fact]
    public void HashKey_DevelopmentKey_IsTheHashInDevelopmentSettings()
    {
        ApiClientOptions.HashKey("dev-helpline-key").ShouldBe("e496a684c9f5ccc8e33b7afec7a9bee5ff1d1e25d69de8078095f1d254bce8f0");
        ApiClientOptions.HashKey("dev-report-key").ShouldBe("71986027a0dd433bc578cbb29674aee0d50d72401d7af763e9104f1f3b11216d");
    }

    [Theory]
    [InlineData("Production", "dev-helpline-key")]
    [InlineData("Staging", "dev-report-key")]
    public void Start_DevelopmentKeyOutsideDevelopment_Throws(string environment, string key)
    {
        using var factory = new LotgenotenWebFactory(environment, Client("helpline", ApiClientOptions.HashKey(key).ToUpperInvariant()));

        var exception = Should.Throw<InvalidOperationException>(() => factory.CreateClient());

        exception.Message.ShouldContain("ApiClients:0:KeyHash");
    }

    [Fact]
    public void Start_OwnKeyInProduction_Starts()
    {
        using var factory = new LotgenotenWebFactory("Production", Client("helpline", ApiClientOptions.HashKey("a-long-random-production-key")));

        using var client = factory.CreateClient();

        factory.Services.GetRequiredService<IOptions<ApiClientsOptions>>().Value.Clients.Select(c => c.Name).ShouldBe(["helpline"]);
    }

    [Theory]
    [InlineData("helpline", "abc")]
    [InlineData("helpline", "F496A684C9F5CCC8E33B7AFEC7A9BEE5FF1D1E25D69DE8078095F1D254BCE8F0")]
    [InlineData("help line", "e496a684c9f5ccc8e33b7afec7a9bee5ff1d1e25d69de8078095f1d254bce8f1")]
    public void Start_MalformedClient_Throws(string name, string hash)
    {
        using var factory = new LotgenotenWebFactory("Production", Client(name, hash));

        Should.Throw<OptionsValidationException>(() => factory.CreateClient());
    }

    [Fact]
    public void Start_UnknownScope_Throws()
    {
        var settings = Client("helpline", ApiClientOptions.HashKey("a-long-random-production-key"));
        settings["ApiClients:0:Scopes:0"] = "Everything";
        using var factory = new LotgenotenWebFactory("Production", settings);

        Should.Throw<OptionsValidationException>(() => factory.CreateClient());
    }

    private static Dictionary<string, string?> Client(string name, string hash) => new()
    {
        ["ApiClients:0:Name"] = name,
        ["ApiClients:0:KeyHash"] = hash,
        ["ApiClients:0:Scopes:0"] = ApiScopes.ReferralsSubmit,
    };
}
