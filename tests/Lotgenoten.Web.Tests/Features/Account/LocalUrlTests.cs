using Lotgenoten.Web.Features.Account;

namespace Lotgenoten.Web.Tests.Features.Account;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/overzicht")]
    [InlineData("/mijn?x=1#y")]
    [InlineData("~/overzicht")]
    public void IsLocal_PathOnThisSite_True(string url) => LocalUrl.IsLocal(url).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("~//evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("overzicht")]
    [InlineData("/\r\nSet-Cookie: x")]
    public void IsLocal_AnythingElse_False(string? url) => LocalUrl.IsLocal(url).ShouldBeFalse();

    [Fact]
    public void OrDefault_Foreign_ReturnsFallback() => LocalUrl.OrDefault("https://evil.example/", "/").ShouldBe("/");
}
