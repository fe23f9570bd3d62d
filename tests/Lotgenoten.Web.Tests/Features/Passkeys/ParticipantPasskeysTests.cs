using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Web.Features.Passkeys;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Lotgenoten.Web.Tests.Features.Passkeys;

/// <summary>
/// ParticipantPasskeys on everything but a real authenticator (the end-to-end test has one): empty, garbage, forged and
/// out-of-sequence credentials are refused with null/false/Failed, never an exception.
/// </summary>
public sealed class ParticipantPasskeysTests : IClassFixture<DevelopmentApp>
{
    private readonly LotgenotenWebFactory _factory;

    public ParticipantPasskeysTests(DevelopmentApp factory) => _factory = factory;

    public static TheoryData<string> BadCredentials => new()
    {
        "",
        "   ",
        "not json at all",
        "{",
        "[]",
        "{}",
        "null",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}",
        "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AA\",\"signature\":\"AA\"}}",
        "{\"id\":12,\"rawId\":[1,2],\"type\":null,\"response\":\"x\"}",
        new string('x', ParticipantPasskeys.MaxCredentialJsonLength + 1),
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task AttestForNewAccount_BadCredentialWithoutCeremony_ReturnsNull(string credentialJson)
    {
        using var scope = _factory.Services.CreateScope();
        var http = NewHttpContext(scope);

        var result = await Passkeys(scope).AttestForNewAccountAsync(http, credentialJson);

        result.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task AttestForNewAccount_BadCredentialAfterOptions_ReturnsNull(string credentialJson)
    {
        using var scope = _factory.Services.CreateScope();
        var http = await WithCeremonyAsync(scope, (signIn) => signIn.MakePasskeyCreationOptionsAsync(
            new PasskeyUserEntity { Id = Guid.NewGuid().ToString(), Name = "vos", DisplayName = "vos" }));

        var result = await Passkeys(scope).AttestForNewAccountAsync(http, credentialJson);

        result.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Verify_BadCredentialAfterOptions_ReturnsFalse(string credentialJson)
    {
        using var scope = _factory.Services.CreateScope();
        var user = await CreateUserAsync(scope);
        var http = await WithCeremonyAsync(scope, signIn => signIn.MakePasskeyRequestOptionsAsync(user));

        var verified = await Passkeys(scope).VerifyAsync(http, user, credentialJson);

        verified.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task SignIn_BadCredentialAfterOptions_FailsWithoutSigningIn(string credentialJson)
    {
        using var scope = _factory.Services.CreateScope();
        var http = await WithCeremonyAsync(scope, signIn => signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, credentialJson);

        result.Succeeded.ShouldBeFalse();
        http.Response.Headers.SetCookie.ToString().ShouldNotContain(".Lotgenoten.Account=C");
    }

    [Fact]
    public async Task AllChecks_NullCredential_RefuseWithoutException()
    {
        using var scope = _factory.Services.CreateScope();
        var user = await CreateUserAsync(scope);
        var passkeys = Passkeys(scope);

        (await passkeys.AttestForNewAccountAsync(NewHttpContext(scope), null)).ShouldBeNull();
        (await passkeys.AttestForAccountAsync(NewHttpContext(scope), user, null)).ShouldBeNull();
        (await passkeys.VerifyAsync(NewHttpContext(scope), user, null)).ShouldBeFalse();
        (await passkeys.SignInAsync(NewHttpContext(scope), null)).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task AttestForNewAccount_AssertionCeremonyInstead_ReturnsNull()
    {
        using var scope = _factory.Services.CreateScope();
        var http = await WithCeremonyAsync(scope, signIn => signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).AttestForNewAccountAsync(http, "{\"id\":\"AAAA\",\"type\":\"public-key\"}");

        result.ShouldBeNull();
    }

    [Fact]
    public async Task Verify_NoCeremony_ReturnsFalse()
    {
        using var scope = _factory.Services.CreateScope();
        var user = await CreateUserAsync(scope);

        var verified = await Passkeys(scope).VerifyAsync(NewHttpContext(scope), user, "{\"id\":\"AAAA\",\"type\":\"public-key\"}");

        verified.ShouldBeFalse();
    }

    [Fact]
    public async Task HasPasskey_NewAccount_IsFalse()
    {
        using var scope = _factory.Services.CreateScope();
        var user = await CreateUserAsync(scope);

        (await Passkeys(scope).HasPasskeyAsync(user)).ShouldBeFalse();
        (await Passkeys(scope).CountAsync(user)).ShouldBe(0);
    }

    [Fact]
    public async Task Add_PasskeyMadeForAnotherAccount_FailsAndStoresNothing()
    {
        using var scope = _factory.Services.CreateScope();
        var user = await CreateUserAsync(scope);
        var passkey = new PasskeyForNewAccount(Guid.NewGuid().ToString(), NewPasskeyInfo());

        var result = await Passkeys(scope).AddAsync(user, passkey);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().Code.ShouldBe("PasskeyUserMismatch");
        (await Passkeys(scope).HasPasskeyAsync(user)).ShouldBeFalse();
    }

    [Fact]
    public async Task Add_CredentialOfAnotherAccount_FailsAndKeepsItWithItsOwner()
    {
        using var scope = _factory.Services.CreateScope();
        var owner = await CreateUserAsync(scope);
        var other = await CreateUserAsync(scope);
        var info = NewPasskeyInfo();
        (await Passkeys(scope).AddAsync(owner, new PasskeyForNewAccount(owner.Id, info))).Succeeded.ShouldBeTrue();

        var result = await Passkeys(scope).AddAsync(other, new PasskeyForNewAccount(other.Id, NewPasskeyInfo(info.CredentialId)));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().Code.ShouldBe("PasskeyInUse");
        (await Passkeys(scope).CountAsync(owner)).ShouldBe(1);
        (await Passkeys(scope).HasPasskeyAsync(other)).ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_ValidAssertion_SignsInAndResetsFailures()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        await users.AccessFailedAsync(user);
        await users.AccessFailedAsync(user);
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, authenticator.Assert(options!, "http://localhost", user.Id));

        result.Succeeded.ShouldBeTrue();
        http.Response.Headers.SetCookie.ToString().ShouldContain(".Lotgenoten.Account=");
        (await users.GetAccessFailedCountAsync(user)).ShouldBe(0);
        (await users.GetPasskeysAsync(user)).Single().SignCount.ShouldBe(1u);
    }

    [Fact]
    public async Task SignIn_LockedOutAccount_IsRefusedEvenWithItsPasskey()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, authenticator.Assert(options!, "http://localhost", user.Id));

        result.IsLockedOut.ShouldBeTrue();
        http.Response.Headers.SetCookie.ToString().ShouldNotContain(".Lotgenoten.Account=C");
    }

    [Fact]
    public async Task SignIn_UnknownCredentialNamingAnAccount_CountsAFailureForThatAccount()
    {
        using var scope = _factory.Services.CreateScope();
        using var stranger = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, stranger.Assert(options!, "http://localhost", user.Id));

        result.Succeeded.ShouldBeFalse();
        result.IsLockedOut.ShouldBeFalse();
        (await users.GetAccessFailedCountAsync(await ReloadAsync(user))).ShouldBe(1);
        http.Response.Headers.SetCookie.ToString().ShouldNotContain(".Lotgenoten.Account=C");
    }

    [Fact]
    public async Task SignIn_BadSignature_CountsAFailureForTheCredentialsAccount()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        using var impostor = new SoftwareAuthenticator(authenticator.CredentialId);
        var user = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, impostor.Assert(options!, "http://localhost", user.Id));

        result.Succeeded.ShouldBeFalse();
        (await users.GetAccessFailedCountAsync(await ReloadAsync(user))).ShouldBe(1);
        (await users.GetPasskeysAsync(user)).Single().SignCount.ShouldBe(0u);
    }

    [Fact]
    public async Task SignIn_FailedPasskeysAfterWrongPassphrases_LockOutTheAccountForPasskeyAndPassphraseAlike()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        using var impostor = new SoftwareAuthenticator(authenticator.CredentialId);
        var user = await CreateUserAsync(scope, "een-rustige-ochtend-aan-zee");
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        for (var i = 0; i < 3; i++)
        {
            (await SignInManager(scope).PasswordSignInAsync(user.UserName!, "niet-de-goede-wachtzin", false, lockoutOnFailure: true))
                .Succeeded.ShouldBeFalse();
        }

        var results = new List<SignInResult>();
        for (var i = 0; i < 2; i++)
        {
            string? options = null;
            var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));
            results.Add(await Passkeys(scope).SignInAsync(http, impostor.Assert(options!, "http://localhost", user.Id)));
        }

        results.Select(r => r.IsLockedOut).ShouldBe([false, true]);
        (await users.IsLockedOutAsync(await ReloadAsync(user))).ShouldBeTrue();
        string? rightOptions = null;
        var rightHttp = await WithCeremonyAsync(scope, async signIn => rightOptions = await signIn.MakePasskeyRequestOptionsAsync(null));
        var right = await Passkeys(scope).SignInAsync(rightHttp, authenticator.Assert(rightOptions!, "http://localhost", user.Id));
        right.IsLockedOut.ShouldBeTrue();
        rightHttp.Response.Headers.SetCookie.ToString().ShouldNotContain(".Lotgenoten.Account=C");
        (await SignInManager(scope).PasswordSignInAsync(user.UserName!, "een-rustige-ochtend-aan-zee", false, lockoutOnFailure: true))
            .IsLockedOut.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_AssertionFromAnotherOrigin_CountsAFailure()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        (await Passkeys(scope).SignInAsync(http, authenticator.Assert(options!, "http://evil.example", user.Id))).Succeeded.ShouldBeFalse();

        (await users.GetAccessFailedCountAsync(await ReloadAsync(user))).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_UserHandleOfNoAccount_CountsNothingAndFails()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, authenticator.Assert(options!, "http://localhost", Guid.NewGuid().ToString()));

        result.Succeeded.ShouldBeFalse();
        result.IsLockedOut.ShouldBeFalse();
        (await users.GetAccessFailedCountAsync(await ReloadAsync(user))).ShouldBe(0);
    }

    [Fact]
    public async Task Verify_OwnPasskey_IsTrueAndAnotherAccountsIsFalse()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        var other = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();

        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(user));
        (await Passkeys(scope).VerifyAsync(http, user, authenticator.Assert(options!, "http://localhost", user.Id))).ShouldBeTrue();

        http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));
        (await Passkeys(scope).VerifyAsync(http, other, authenticator.Assert(options!, "http://localhost", user.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task SignIn_AssertionFromAnotherOrigin_Fails()
    {
        using var scope = _factory.Services.CreateScope();
        using var authenticator = new SoftwareAuthenticator();
        var user = await CreateUserAsync(scope);
        (await Passkeys(scope).AddAsync(user, new PasskeyForNewAccount(user.Id, authenticator.Passkey()))).Succeeded.ShouldBeTrue();
        string? options = null;
        var http = await WithCeremonyAsync(scope, async signIn => options = await signIn.MakePasskeyRequestOptionsAsync(null));

        var result = await Passkeys(scope).SignInAsync(http, authenticator.Assert(options!, "http://evil.example", user.Id));

        result.Succeeded.ShouldBeFalse();
    }

    private static ParticipantPasskeys Passkeys(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<ParticipantPasskeys>();

    private static DefaultHttpContext NewHttpContext(IServiceScope scope)
    {
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        return http;
    }

    /// <summary>Starts a ceremony in one request and returns the next request (in <paramref name="scope"/>), carrying the state cookie it set.</summary>
    private async Task<DefaultHttpContext> WithCeremonyAsync(IServiceScope scope, Func<SignInManager<ParticipantUser>, Task<string>> start)
    {
        // Another request, so another scope (authentication handlers are cached per scope, with their request).
        using var firstScope = _factory.Services.CreateScope();
        var signIn = firstScope.ServiceProvider.GetRequiredService<SignInManager<ParticipantUser>>();
        var first = NewHttpContext(firstScope);
        signIn.Context = first;
        (await start(signIn)).ShouldStartWith("{");
        var cookies = SetCookieHeaderValue.ParseList(first.Response.Headers.SetCookie.Select(v => v ?? string.Empty).ToList())
            .Select(c => $"{c.Name}={c.Value}");
        var next = NewHttpContext(scope);
        next.Request.Headers.Cookie = string.Join("; ", cookies);
        next.Request.Headers.Cookie.ToString().ShouldContain("Identity.TwoFactorUserId=");
        return next;
    }

    private static async Task<ParticipantUser> CreateUserAsync(IServiceScope scope, string? passphrase = null)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
        var user = new ParticipantUser { UserName = "deelnemer-" + Guid.NewGuid().ToString("N")[..8] };
        (await (passphrase is null ? users.CreateAsync(user) : users.CreateAsync(user, passphrase))).Succeeded.ShouldBeTrue();
        return user;
    }

    private static SignInManager<ParticipantUser> SignInManager(IServiceScope scope)
    {
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ParticipantUser>>();
        signIn.Context = NewHttpContext(scope);
        return signIn;
    }

    /// <summary>The account as stored now, read in a scope of its own (not the test scope's tracked entity).</summary>
    private async Task<ParticipantUser> ReloadAsync(ParticipantUser user)
    {
        using var fresh = _factory.Services.CreateScope();
        var stored = await fresh.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>().FindByIdAsync(user.Id);
        return stored.ShouldNotBeNull();
    }

    private static UserPasskeyInfo NewPasskeyInfo(byte[]? credentialId = null) => new(
        credentialId ?? Guid.NewGuid().ToByteArray(),
        publicKey: [1, 2, 3],
        createdAt: DateTimeOffset.UnixEpoch,
        signCount: 0,
        transports: ["internal"],
        isUserVerified: true,
        isBackupEligible: false,
        isBackedUp: false,
        attestationObject: [0],
        clientDataJson: [0]);
}
