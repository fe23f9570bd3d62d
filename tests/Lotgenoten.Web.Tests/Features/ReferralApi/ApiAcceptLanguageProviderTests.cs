using Lotgenoten.Web.Features.ReferralApi;
using Microsoft.AspNetCore.Http;

namespace Lotgenoten.Web.Tests.Features.ReferralApi;

public sealed class ApiAcceptLanguageProviderTests
{
    [Theory]
    [InlineData("/api/referrals", "fr", "fr-BE")]
    [InlineData("/API/referrals/x", "en-GB", "en")]
    [InlineData("/api", "nl-NL", "nl-BE")]
    [InlineData("/api/referrals", "fr;q=0, en;q=0.1", "en")]
    [InlineData("/api/referrals", "*", "nl-BE")]
    [InlineData("/api/referrals", "", "nl-BE")]
    public async Task Determine_ApiPath_FollowsAcceptLanguage(string path, string header, string culture)
    {
        var result = await new ApiAcceptLanguageProvider().DetermineProviderCultureResult(Context(path, header));

        result.ShouldNotBeNull().UICultures.Select(c => c.Value).ShouldBe([culture]);
        result.Cultures.Select(c => c.Value).ShouldBe([culture]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/doorverwijzen")]
    [InlineData("/apix")]
    public async Task Determine_PagePath_LeavesItToTheCookie(string path)
    {
        var result = await new ApiAcceptLanguageProvider().DetermineProviderCultureResult(Context(path, "fr"));

        result.ShouldBeNull();
    }

    private static DefaultHttpContext Context(string path, string acceptLanguage)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Headers.AcceptLanguage = acceptLanguage;
        return context;
    }
}
