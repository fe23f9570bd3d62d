using Lotgenoten.Domain.Calendars;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Calendars;

public class CalendarFeedTests
{
    private static readonly string HashA = CalendarFeedToken.Hash("token-a");
    private static readonly string HashB = CalendarFeedToken.Hash("token-b");

    [Fact]
    public void New_Always_Is43Base64UrlCharactersAndDiffers()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => CalendarFeedToken.New()).ToList();

        tokens.ShouldAllBe(t => t.Length == 43 && CalendarFeedToken.IsWellFormed(t));
        tokens.Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void Hash_KnownToken_IsLowercaseHexSha256()
    {
        CalendarFeedToken.Hash("abc").ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CalendarFeedToken.Hash("demo-begeleider").Length.ShouldBe(CalendarFeedToken.HashLength);
    }

    [Theory]
    [InlineData("demo-begeleider", true)]
    [InlineData("AZaz09-_", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("has space", false)]
    [InlineData("dot.ics", false)]
    [InlineData("slash/x", false)]
    [InlineData("plus+", false)]
    [InlineData("é", false)]
    public void IsWellFormed_Token_Expected(string? token, bool expected) =>
        CalendarFeedToken.IsWellFormed(token).ShouldBe(expected);

    [Fact]
    public void IsWellFormed_LongerThanMax_False()
    {
        CalendarFeedToken.IsWellFormed(new string('a', CalendarFeedToken.MaxLength)).ShouldBeTrue();
        CalendarFeedToken.IsWellFormed(new string('a', CalendarFeedToken.MaxLength + 1)).ShouldBeFalse();
    }

    [Fact]
    public void HashEquals_SameAndDifferent_Expected()
    {
        CalendarFeedToken.HashEquals(HashA, CalendarFeedToken.Hash("token-a")).ShouldBeTrue();
        CalendarFeedToken.HashEquals(HashA, HashB).ShouldBeFalse();
        CalendarFeedToken.HashEquals(HashA, "short").ShouldBeFalse();
    }

    [Fact]
    public void Create_Valid_IsActive()
    {
        var feed = CalendarFeed.Create(CalendarFeedOwnerKind.Staff, " oid-1 ", HashA, Build.Now);

        feed.OwnerKind.ShouldBe(CalendarFeedOwnerKind.Staff);
        feed.OwnerId.ShouldBe("oid-1");
        feed.TokenHash.ShouldBe(HashA);
        feed.CreatedAt.ShouldBe(Build.Now);
        feed.RotatedAt.ShouldBeNull();
        feed.RevokedAt.ShouldBeNull();
        feed.IsActive.ShouldBeTrue();
        feed.Id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void Create_Invalid_Throws()
    {
        DomainAssert.Throws(() => CalendarFeed.Create(CalendarFeedOwnerKind.Staff, "", HashA, Build.Now), "calendar-feed.owner.required");
        DomainAssert.Throws(() => CalendarFeed.Create(CalendarFeedOwnerKind.Staff, new string('x', CalendarFeed.OwnerIdMaxLength + 1), HashA, Build.Now), "calendar-feed.owner.too-long");
        DomainAssert.Throws(() => CalendarFeed.Create((CalendarFeedOwnerKind)9, "oid", HashA, Build.Now), "calendar-feed.owner-kind.invalid");
        DomainAssert.Throws(() => CalendarFeed.Create(CalendarFeedOwnerKind.Staff, "oid", "token-a", Build.Now), "calendar-feed.token-hash.invalid");
        DomainAssert.Throws(() => CalendarFeed.Create(CalendarFeedOwnerKind.Staff, "oid", HashA.ToUpperInvariant(), Build.Now), "calendar-feed.token-hash.invalid");
    }

    [Fact]
    public void Rotate_Active_ReplacesHash()
    {
        var feed = CalendarFeed.Create(CalendarFeedOwnerKind.Participant, "account-1", HashA, Build.Now);

        feed.Rotate(HashB, Build.Now.AddDays(1));

        feed.TokenHash.ShouldBe(HashB);
        feed.RotatedAt.ShouldBe(Build.Now.AddDays(1));
        feed.IsActive.ShouldBeTrue();
        feed.Version.ShouldBe(1);
    }

    [Fact]
    public void Rotate_SameHash_Throws()
    {
        var feed = CalendarFeed.Create(CalendarFeedOwnerKind.Staff, "oid", HashA, Build.Now);

        DomainAssert.Throws(() => feed.Rotate(HashA, Build.Now), "calendar-feed.token.reused");
        feed.Version.ShouldBe(0);
    }

    [Fact]
    public void Revoke_Active_SwitchesOffOnce()
    {
        var feed = CalendarFeed.Create(CalendarFeedOwnerKind.Staff, "oid", HashA, Build.Now);

        feed.Revoke(Build.Now.AddHours(1)).ShouldBeTrue();
        feed.Revoke(Build.Now.AddHours(2)).ShouldBeFalse();

        feed.IsActive.ShouldBeFalse();
        feed.RevokedAt.ShouldBe(Build.Now.AddHours(1));
        feed.Version.ShouldBe(1);
    }

    [Fact]
    public void Rotate_Revoked_WorksAgainWithNewHash()
    {
        var feed = CalendarFeed.Create(CalendarFeedOwnerKind.Staff, "oid", HashA, Build.Now);
        feed.Revoke(Build.Now.AddHours(1));

        feed.Rotate(HashB, Build.Now.AddHours(2));

        feed.IsActive.ShouldBeTrue();
        feed.RevokedAt.ShouldBeNull();
        feed.TokenHash.ShouldBe(HashB);
    }
}
