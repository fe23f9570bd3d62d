using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Invitations;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Tests.Features.Invitations;

/// <summary>Redeeming invitations through the service, on a real SQLite database and a fake clock, in Dutch.</summary>
public sealed class InvitationRedemptionServiceTests : IAsyncLifetime
{
    private const string CodeInvalid = "Deze code werkt niet. Kijk hem na of vraag een nieuwe aan de hulplijn.";
    private const string TooMany = "Te veel pogingen. Probeer het later opnieuw, bijvoorbeeld over een kwartier.";
    private const string PseudonymTaken = "Iemand in de groep heeft deze naam al, of een naam die er hetzelfde uitziet. Kies een andere.";
    private RedeemTestApp _app = default!;
    private PeerGroup _group = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new RedeemTestApp();
        _group = await _app.GroupAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Redeem_OpenCode_CreatesOneAccountJoinsRedeemsMarksJoinedAuditsAndSignsIn()
    {
        var french = await _app.GroupAsync(Domain.Common.Language.Fr);
        var placed = await _app.PlaceAsync(french, Domain.Common.Language.Fr);
        _app.Clock.Advance(TimeSpan.FromHours(3));
        var now = _app.Clock.GetUtcNow();

        var (result, cookies) = await _app.RedeemAsync(RedeemTestApp.Input(placed.Code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), pseudonym: "  Zee   meeuw "));

        (result.Outcome, result.Message, result.FieldErrors.Count).ShouldBe((RedemptionOutcome.Redeemed, (string?)null, 0));
        cookies.ShouldContain(c => c.StartsWith(".Lotgenoten.Account=C", StringComparison.Ordinal));
        (await _app.CountsAsync()).ShouldBe((1, 1, 1, 1, 1));
        await using var db = await _app.DbAsync();
        var user = await db.Set<ParticipantUser>().SingleAsync(Ct);
        (user.UserName, user.Language, user.Email, user.PasswordHash is not null).ShouldBe(("zeemeeuw", "fr", (string?)null, true));
        var membership = await db.Set<Membership>().SingleAsync(m => m.ReferralId == placed.ReferralId, Ct);
        (membership.Status, membership.ParticipantId, membership.Pseudonym, membership.JoinedAt).ShouldBe(
            (MembershipStatus.Joined, user.Id, "Zee meeuw", (DateTimeOffset?)now));
        var invitation = await db.Set<Invitation>().SingleAsync(Ct);
        (invitation.StateAt(now), invitation.RedeemedAt).ShouldBe((InvitationState.Redeemed, (DateTimeOffset?)now));
        (await db.Set<Referral>().SingleAsync(r => r.Id == placed.ReferralId, Ct)).Status.ShouldBe(ReferralStatus.Joined);
        var audit = await db.Set<AuditEvent>().SingleAsync(a => a.Kind == AuditKind.InvitationRedeemed, Ct);
        (audit.ActorId, audit.EntityType, audit.EntityId, audit.GroupId, audit.OccurredAt).ShouldBe(
            (user.Id, "Invitation", invitation.Id.ToString(), (Guid?)french.Id, now));
    }

    [Fact]
    public async Task Redeem_LinkToken_Works()
    {
        var placed = await _app.PlaceAsync(_group);

        (await _app.CheckAsync(null, placed.Token)).Outcome.ShouldBe(RedemptionOutcome.Ready);
        var (result, _) = await _app.RedeemAsync(RedeemTestApp.Input(code: ""), placed.Token);

        result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
        (await _app.CountsAsync()).ShouldBe((1, 1, 1, 1, 1));
    }

    [Fact]
    public async Task Redeem_ExpiredCode_SameMessageAndNothingCreated()
    {
        var placed = await _app.PlaceAsync(_group);
        _app.Clock.Advance(TimeSpan.FromDays(14));

        await AssertRefusedAsync(placed.Code);
        await AssertRefusedAsync(null, placed.Token);
    }

    [Fact]
    public async Task Redeem_UsedCode_SameMessageAndNothingMoreCreated()
    {
        var placed = await _app.PlaceAsync(_group);
        (await _app.RedeemAsync(RedeemTestApp.Input(placed.Code))).Result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);

        (await _app.CheckAsync(placed.Code)).Message.ShouldBe(CodeInvalid);
        var (again, cookies) = await _app.RedeemAsync(RedeemTestApp.Input(placed.Code, userName: "tweede", pseudonym: "Tweede"));
        var (byLink, _) = await _app.RedeemAsync(RedeemTestApp.Input("", userName: "derde", pseudonym: "Derde"), placed.Token);

        (again.Outcome, again.Message).ShouldBe((RedemptionOutcome.InvalidCode, CodeInvalid));
        (byLink.Outcome, byLink.Message).ShouldBe((RedemptionOutcome.InvalidCode, CodeInvalid));
        cookies.ShouldBeEmpty();
        (await _app.CountsAsync()).ShouldBe((1, 1, 1, 1, 1));
    }

    [Fact]
    public async Task Redeem_ReissuedInvitation_OldCodeFailsAndTheNewOneWorks()
    {
        var first = await _app.PlaceAsync(_group);
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await _app.ReissueAsync(first.ReferralId);

        await AssertRefusedAsync(first.Code);
        await AssertRefusedAsync(null, first.Token);
        var (result, _) = await _app.RedeemAsync(RedeemTestApp.Input(second.Code));

        result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
        (await _app.CountsAsync()).ShouldBe((1, 1, 1, 1, 1));
    }

    [Theory]
    [InlineData("KX7P-3MRD")] // well-formed, never issued
    [InlineData("KX7P-3MR")] // too short
    [InlineData("0000-0000")] // outside the alphabet
    [InlineData("")]
    [InlineData(null)]
    public async Task Redeem_WrongCode_SameMessageAndNothingCreated(string? code)
    {
        await _app.PlaceAsync(_group);

        await AssertRefusedAsync(code);
        await AssertRefusedAsync(null, "not-a-token-that-was-ever-issued-abcdefghijkl");
    }

    [Fact]
    public async Task Check_TenFailuresFromOneClient_BlocksEvenARightCodeWithoutLookupUntilTheWindowPasses()
    {
        var placed = await _app.PlaceAsync(_group);
        for (var i = 0; i < RedemptionRateLimiter.ClientLimit; i++)
        {
            (await _app.CheckAsync($"KX7P-3M{"RD"[i % 2]}{"ACDEFGHJKM"[i]}", client: "198.51.100.7")).Outcome.ShouldBe(RedemptionOutcome.InvalidCode);
        }

        var blocked = await _app.CheckAsync(placed.Code, client: "198.51.100.7");
        var (redeem, _) = await _app.RedeemAsync(RedeemTestApp.Input(placed.Code), client: "198.51.100.7");
        var otherClient = await _app.CheckAsync(placed.Code, client: "198.51.100.8");

        (blocked.Outcome, blocked.Message).ShouldBe((RedemptionOutcome.TooManyAttempts, TooMany));
        (redeem.Outcome, redeem.Message).ShouldBe((RedemptionOutcome.TooManyAttempts, TooMany));
        otherClient.Outcome.ShouldBe(RedemptionOutcome.Ready);
        (await _app.CountsAsync()).ShouldBe((0, 0, 0, 0, 0));

        _app.Clock.Advance(RedemptionRateLimiter.Window - TimeSpan.FromSeconds(1));
        (await _app.CheckAsync(placed.Code, client: "198.51.100.7")).Outcome.ShouldBe(RedemptionOutcome.TooManyAttempts);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await _app.CheckAsync(placed.Code, client: "198.51.100.7")).Outcome.ShouldBe(RedemptionOutcome.Ready);
    }

    [Fact]
    public async Task Check_FiveFailuresForOneCode_BlocksThatCodeFromEveryClientUntilTheWindowPasses()
    {
        var placed = await _app.PlaceAsync(_group);
        _app.Clock.Advance(TimeSpan.FromDays(14)); // expired: every attempt with it fails
        for (var i = 0; i < RedemptionRateLimiter.CodeLimit; i++)
        {
            (await _app.CheckAsync(placed.Code, client: $"203.0.113.{i + 1}")).Outcome.ShouldBe(RedemptionOutcome.InvalidCode);
        }

        var blocked = await _app.CheckAsync(placed.Code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), client: "203.0.113.99");
        var otherCode = await _app.CheckAsync("KX7P-3MRD", client: "203.0.113.99");

        (blocked.Outcome, blocked.Message).ShouldBe((RedemptionOutcome.TooManyAttempts, TooMany));
        (otherCode.Outcome, otherCode.Message).ShouldBe((RedemptionOutcome.InvalidCode, CodeInvalid));
        _app.Clock.Advance(RedemptionRateLimiter.Window);
        (await _app.CheckAsync(placed.Code, client: "203.0.113.99")).Outcome.ShouldBe(RedemptionOutcome.InvalidCode);
    }

    [Theory]
    [InlineData("anna")] // case
    [InlineData("\u0410nna")] // Cyrillic capital A
    [InlineData("\u0430nn\u0430")] // Cyrillic small a, twice
    [InlineData("Ánna")] // accent
    public async Task Redeem_PseudonymClashesInTheGroup_MessageAtTheFieldAndNothingCreated(string pseudonym)
    {
        var anna = await _app.PlaceAsync(_group);
        (await _app.RedeemAsync(RedeemTestApp.Input(anna.Code, userName: "eerste", pseudonym: "Anna"))).Result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
        var placed = await _app.PlaceAsync(_group);

        await AssertFieldErrorAsync(RedeemTestApp.Input(placed.Code, pseudonym: pseudonym), nameof(RedeemInput.Pseudonym), PseudonymTaken, before: (1, 1, 1, 1, 1));
    }

    [Fact]
    public async Task Redeem_PseudonymNfdOfAnNfcName_Clashes()
    {
        var zoe = await _app.PlaceAsync(_group);
        (await _app.RedeemAsync(RedeemTestApp.Input(zoe.Code, userName: "eerste", pseudonym: "Zo\u00eb"))).Result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
        var placed = await _app.PlaceAsync(_group);

        await AssertFieldErrorAsync(RedeemTestApp.Input(placed.Code, pseudonym: "Zoe\u0308"), nameof(RedeemInput.Pseudonym), PseudonymTaken, before: (1, 1, 1, 1, 1));
        await AssertFieldErrorAsync(RedeemTestApp.Input(placed.Code, pseudonym: "Zoe"), nameof(RedeemInput.Pseudonym), PseudonymTaken, before: (1, 1, 1, 1, 1));
        (await _app.RedeemAsync(RedeemTestApp.Input(placed.Code, pseudonym: "Zoë B"))).Result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
    }

    [Theory]
    [InlineData("a", "Een naam in de groep heeft minstens 2 tekens.")]
    [InlineData("   ", "Kies een naam voor de groep.")]
    [InlineData("Een naam die veel te lang is om te onthouden", "Een naam in de groep heeft hoogstens 30 tekens.")]
    [InlineData("anna@example.org", "Een naam in de groep mag geen e-mailadres zijn.")]
    [InlineData("Anna 0470 12 34 56", "Een naam in de groep mag geen telefoonnummer bevatten.")]
    public async Task Redeem_PseudonymBreaksARule_MessageAtTheField(string pseudonym, string message)
    {
        var placed = await _app.PlaceAsync(_group);

        await AssertFieldErrorAsync(RedeemTestApp.Input(placed.Code, pseudonym: pseudonym), nameof(RedeemInput.Pseudonym), message);
    }

    [Theory]
    [InlineData("kort-genoeg", "Een wachtzin heeft minstens 12 tekens.")]
    [InlineData("QAZWSXEDCRFV", "Deze wachtzin wordt heel vaak gebruikt en is makkelijk te raden. Kies een andere.")]
    [InlineData("1qaz2wsx3edc", "Deze wachtzin wordt heel vaak gebruikt en is makkelijk te raden. Kies een andere.")]
    [InlineData("Zeemeeuw.Vlucht", "Je wachtzin mag niet hetzelfde zijn als je aanmeldnaam.")]
    [InlineData("abababababababab", "Deze wachtzin is te eenvoudig. Gebruik meer verschillende tekens.")]
    [InlineData("", "Kies een wachtzin, of maak een passkey.")]
    public async Task Redeem_PassphraseBreaksARule_MessageAtTheField(string passphrase, string message)
    {
        var placed = await _app.PlaceAsync(_group);
        var input = RedeemTestApp.Input(placed.Code, userName: "zeemeeuw.vlucht", passphrase: passphrase);

        await AssertFieldErrorAsync(input, nameof(RedeemInput.Passphrase), message);
    }

    [Fact]
    public async Task Redeem_ConfirmationDiffers_MessageAtTheConfirmation()
    {
        var placed = await _app.PlaceAsync(_group);
        var input = RedeemTestApp.Input(placed.Code);
        input.PassphraseConfirmation = "een-rustige-ochtend-aan-zeE";

        await AssertFieldErrorAsync(input, nameof(RedeemInput.PassphraseConfirmation), "De twee wachtzinnen zijn niet hetzelfde.");
    }

    [Theory]
    [InlineData("zo", "Een aanmeldnaam heeft 3 tot 40 tekens.")]
    [InlineData("iemand@example.org", "Een aanmeldnaam mag geen e-mailadres zijn.")]
    [InlineData("0470123456", "Een aanmeldnaam mag geen telefoonnummer zijn.")]
    [InlineData("zee meeuw", "Gebruik alleen letters zonder accenten, cijfers, punt, streepje of liggend streepje.")]
    [InlineData("zoë", "Gebruik alleen letters zonder accenten, cijfers, punt, streepje of liggend streepje.")]
    [InlineData("", "Kies een aanmeldnaam.")]
    public async Task Redeem_UserNameBreaksARule_MessageAtTheField(string userName, string message)
    {
        var placed = await _app.PlaceAsync(_group);

        await AssertFieldErrorAsync(RedeemTestApp.Input(placed.Code, userName: userName), nameof(RedeemInput.UserName), message);
    }

    [Fact]
    public async Task Redeem_UserNameTakenInAnyCase_MessageAtTheField()
    {
        var first = await _app.PlaceAsync(_group);
        (await _app.RedeemAsync(RedeemTestApp.Input(first.Code, userName: "zeemeeuw", pseudonym: "Eerste"))).Result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
        var placed = await _app.PlaceAsync(_group);

        await AssertFieldErrorAsync(RedeemTestApp.Input(placed.Code, userName: "ZeeMeeuw", pseudonym: "Tweede"), nameof(RedeemInput.UserName),
            "Deze aanmeldnaam is al in gebruik. Kies een andere.", before: (1, 1, 1, 1, 1));
    }

    [Fact]
    public async Task Redeem_FieldErrors_DoNotUseUpTheCodesAttempts()
    {
        var placed = await _app.PlaceAsync(_group);
        for (var i = 0; i < RedemptionRateLimiter.CodeLimit + 2; i++)
        {
            (await _app.RedeemAsync(RedeemTestApp.Input(placed.Code, passphrase: "kort"))).Result.Outcome.ShouldBe(RedemptionOutcome.Invalid);
        }

        (await _app.RedeemAsync(RedeemTestApp.Input(placed.Code))).Result.Outcome.ShouldBe(RedemptionOutcome.Redeemed);
    }

    [Fact]
    public async Task Redeem_PasskeyThatDoesNotAttest_MessageAtThePasskeyAndNothingCreated()
    {
        var placed = await _app.PlaceAsync(_group);
        var input = RedeemTestApp.Input(placed.Code, passphrase: "");
        input.CredentialJson = "{\"id\":\"not-a-real-credential\"}";

        await AssertFieldErrorAsync(input, nameof(RedeemInput.CredentialJson), "De passkey kon niet gemaakt worden. Probeer het opnieuw of kies een wachtzin.");
    }

    [Fact]
    public void CommonPassphrases_ShippedList_HasTheExpectedEntries()
    {
        CommonPassphrases.Count.ShouldBeGreaterThanOrEqualTo(19_000);
        CommonPassphrases.Contains("password").ShouldBeTrue();
        CommonPassphrases.Contains("PassWord").ShouldBeTrue();
        CommonPassphrases.Contains("qwertyuiop").ShouldBeTrue();
        CommonPassphrases.Contains("een-rustige-ochtend-aan-zee").ShouldBeFalse();
        CommonPassphrases.Contains("# Common passwords").ShouldBeFalse();
    }

    private async Task AssertRefusedAsync(string? code, string? token = null)
    {
        var before = await _app.CountsAsync();
        var check = await _app.CheckAsync(code, token);
        var (result, cookies) = await _app.RedeemAsync(RedeemTestApp.Input(code ?? "", userName: "nieuw." + Guid.NewGuid().ToString("N")[..6]), token);

        (check.Outcome, check.Message, check.FieldErrors.Count).ShouldBe((RedemptionOutcome.InvalidCode, CodeInvalid, 0));
        (result.Outcome, result.Message, result.FieldErrors.Count).ShouldBe((RedemptionOutcome.InvalidCode, CodeInvalid, 0));
        cookies.ShouldBeEmpty();
        (await _app.CountsAsync()).ShouldBe(before);
    }

    private async Task AssertFieldErrorAsync(
        RedeemInput input, string field, string message, (int, int, int, int, int) before = default)
    {
        var (result, cookies) = await _app.RedeemAsync(input);

        (result.Outcome, result.Message).ShouldBe((RedemptionOutcome.Invalid, "Kijk de velden hieronder na."));
        result.FieldErrors.ShouldBe(new Dictionary<string, string> { [field] = message });
        cookies.ShouldNotContain(c => c.StartsWith(".Lotgenoten.Account=", StringComparison.Ordinal));
        (await _app.CountsAsync()).ShouldBe(before);
        await using var db = await _app.DbAsync();
        (await db.Set<Invitation>().CountAsync(i => i.RedeemedAt == null, Ct)).ShouldBe(1);
    }
}
