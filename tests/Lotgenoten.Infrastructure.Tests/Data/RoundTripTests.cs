using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Identity;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Infrastructure.Tests.Data;

/// <summary>What the infrastructure itself stores survives a round trip through each database.</summary>
public abstract class RoundTripTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddIdentityCore<ParticipantUser>().AddEntityFrameworkStores<LotgenotenDbContext>();

    [Fact]
    public async Task ParticipantUser_SavedAndReadInAnotherContext_KeepsEveryField()
    {
        var user = new ParticipantUser
        {
            UserName = "zonnebloem-" + Guid.NewGuid().ToString("N")[..8] + "-🌻-Подсолнух",
            Language = "fr",
            PasswordHash = "hash",
            LockoutEnabled = true,
        };
        user.NormalizedUserName = user.UserName.ToUpperInvariant();

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var read = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct);
            read.UserName.ShouldBe(user.UserName);
            read.NormalizedUserName.ShouldBe(user.NormalizedUserName);
            read.Language.ShouldBe("fr");
            read.PasswordHash.ShouldBe("hash");
            read.LockoutEnabled.ShouldBeTrue();
            read.Email.ShouldBeNull();
        }
    }

    [Fact]
    public async Task ParticipantUser_ThroughIdentityStores_SignsInWithItsPassphrase()
    {
        var name = "lotgenoot-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
            var result = await users.CreateAsync(new ParticipantUser { UserName = name, Language = "en" }, "Zonnige-dinsdag-2026!");
            result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ParticipantUser>>();
            var found = await users.FindByNameAsync(name.ToUpperInvariant());
            found.ShouldNotBeNull();
            found.Language.ShouldBe("en");
            (await users.CheckPasswordAsync(found, "Zonnige-dinsdag-2026!")).ShouldBeTrue();
            (await users.CheckPasswordAsync(found, "wrong")).ShouldBeFalse();
            (await users.GetPasskeysAsync(found)).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task DataProtectionKey_SavedAndReadInAnotherContext_KeepsItsXml()
    {
        var key = new DataProtectionKey
        {
            FriendlyName = "key-" + Guid.NewGuid(),
            Xml = "<key id=\"x\"><note>ünïcödé 🌻 Привет</note></key>",
        };

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            db.DataProtectionKeys.Add(key);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var read = await db.DataProtectionKeys.AsNoTracking().SingleAsync(k => k.FriendlyName == key.FriendlyName, Ct);
            read.Xml.ShouldBe(key.Xml);
            read.Id.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task ScopedContext_IsTheConfiguredProvider_AndOnePerScope()
    {
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<LotgenotenDbContext>();
        a.ShouldBeSameAs(first.ServiceProvider.GetRequiredService<LotgenotenDbContext>());
        a.ShouldNotBeSameAs(second.ServiceProvider.GetRequiredService<LotgenotenDbContext>());
        a.ShouldBeOfType(Database.Provider == DatabaseProvider.Sqlite ? typeof(SqliteLotgenotenDbContext) : typeof(PostgresLotgenotenDbContext));
        (await a.Database.CanConnectAsync(Ct)).ShouldBeTrue();
    }
}

public sealed class SqliteRoundTripTests(SqliteTestDatabase database) : RoundTripTests<SqliteTestDatabase>(database);

public sealed class PostgresRoundTripTests(PostgresTestDatabase database) : RoundTripTests<PostgresTestDatabase>(database);
