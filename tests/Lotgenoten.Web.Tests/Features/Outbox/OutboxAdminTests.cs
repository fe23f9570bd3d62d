using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Bunit;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Web.Features.Outbox;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lotgenoten.Web.Tests.Features.Outbox;

/// <summary>
/// A real app on SQLite whose SMTP server does not answer (a closed loopback port) and which gives up after one
/// attempt, so that every message sent fails; the dispatcher runs only when a test calls it.
/// </summary>
public sealed class OutboxAdminApp : IAsyncLifetime
{
    public LotgenotenWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["Database:MigrateOnStartup"] = "false",
        ["Smtp:DispatcherEnabled"] = "false",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:SecureSocketOptions"] = "None",
        ["Smtp:MaxAttempts"] = "1",
    });

    public IServiceProvider Services => Factory.Services;

    public async ValueTask InitializeAsync()
    {
        // The schema from the current model (the migrations are generated for all new entities at once).
        await using var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>Enqueues <paramref name="count"/> messages and lets them fail; returns all failed ids.</summary>
    public async Task<IReadOnlyList<Guid>> FailAsync(int count)
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < count; i++)
            {
                Services.GetRequiredService<IOutbox>().Enqueue(db, new OutgoingEmail($"geheim{i}@voorbeeld.test", "Afspraak", "Geheime inhoud", null, "meeting-invite"));
            }

            await db.SaveChangesAsync();
        }

        await Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await using var read = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        return await read.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Failed).Select(m => m.Id).ToListAsync();
    }

    public async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        return await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
    }

    public async Task ClearAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync();
        await db.Set<OutboxMessage>().ExecuteDeleteAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class OutboxAdminServiceTests(OutboxAdminApp app) : IClassFixture<OutboxAdminApp>, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private OutboxAdminService Service => app.Services.CreateScope().ServiceProvider.GetRequiredService<OutboxAdminService>();

    public ValueTask InitializeAsync() => new(app.ClearAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task GetFailed_Coordinator_ListsFailedMessagesWithoutAddressOrContent()
    {
        var ids = await app.FailAsync(2);

        var failed = await Service.GetFailedAsync(Staff(AppRoles.Coordinator), Ct);

        failed.Select(f => f.Id).Order().ShouldBe(ids.Order());
        failed.ShouldAllBe(f => f.Kind == "meeting-invite" && f.Attempts == 1 && f.LastError == "socket-ConnectionRefused" && !f.Erased);
        typeof(FailedOutboxMessage).GetProperties().Select(p => p.Name)
            .ShouldBe(["Id", "CreatedAt", "Kind", "Attempts", "LastError", "FailedAt", "Erased"], ignoreOrder: true);
    }

    [Fact]
    public async Task Retry_Coordinator_ResetsTheMessageToPending()
    {
        var id = (await app.FailAsync(1)).Single();

        (await Service.RetryAsync(Staff(AppRoles.Coordinator), id, Ct)).ShouldBeTrue();

        var message = (await app.MessagesAsync()).Single();
        message.Status.ShouldBe(OutboxStatus.Pending);
        message.Attempts.ShouldBe(0);
        message.LastError.ShouldBeNull();
        (await Service.RetryAsync(Staff(AppRoles.Coordinator), id, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task RetryAll_Coordinator_ResetsEveryFailedMessage()
    {
        await app.FailAsync(3);

        (await Service.RetryAllAsync(Staff(AppRoles.Coordinator), Ct)).ShouldBe(3);

        (await app.MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Pending && m.Attempts == 0);
    }

    [Theory]
    [InlineData(AppRoles.Facilitator)]
    [InlineData(AppRoles.Counsellor)]
    [InlineData(AppRoles.Participant)]
    public async Task EveryMethod_NotACoordinator_IsRefusedAndChangesNothing(string role)
    {
        var id = (await app.FailAsync(1)).Single();
        var user = Staff(role);

        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetFailedAsync(user, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.RetryAsync(user, id, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.RetryAllAsync(user, Ct));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => Service.GetFailedAsync(new ClaimsPrincipal(new ClaimsIdentity()), Ct));

        (await app.MessagesAsync()).Single().Status.ShouldBe(OutboxStatus.Failed);
    }

    internal static ClaimsPrincipal Staff(string role) =>
        new(new ClaimsIdentity([new Claim("name", "Someone"), new Claim("roles", role)], "test", "name", "roles"));
}

public sealed class FailedMessagesPageTests : MudBunitContext, IClassFixture<OutboxAdminApp>, IAsyncLifetime
{
    private readonly OutboxAdminApp app;

    public FailedMessagesPageTests(OutboxAdminApp app)
    {
        this.app = app;
        Services.AddSingleton(app.Services.GetRequiredService<OutboxMaintenance>());
        Services.AddScoped<OutboxAdminService>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Hilde");
        auth.SetRoles(AppRoles.Coordinator);
    }

    public ValueTask InitializeAsync() => new(app.ClearAsync());

    ValueTask IAsyncDisposable.DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Render_FailedMessages_ShowsRowsWithoutAddressOrContent()
    {
        await app.FailAsync(2);

        var page = Render<FailedMessagesPage>();

        page.WaitForAssertion(() => page.FindAll("tbody tr").Count.ShouldBe(2));
        page.Find("h1").TextContent.ShouldBe("Mislukte berichten");
        page.Markup.ShouldContain("socket-ConnectionRefused");
        page.Markup.ShouldContain("meeting-invite");
        page.Markup.ShouldNotContain("voorbeeld.test");
        page.Markup.ShouldNotContain("Geheime inhoud");
        page.FindAll("button").Count(b => b.TextContent.Trim() == "Opnieuw proberen").ShouldBe(2);
    }

    [Fact]
    public async Task RetryAll_Click_RetriesEveryMessageAndSaysHowMany()
    {
        await app.FailAsync(2);
        var page = Render<FailedMessagesPage>();
        page.WaitForAssertion(() => page.FindAll("tbody tr").Count.ShouldBe(2));

        await page.Find("[data-testid=outbox-retry-all]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=outbox-empty]").TextContent.ShouldBe("Er zijn geen mislukte berichten."));
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Message.ShouldBe("2 bericht(en) worden opnieuw verstuurd.");
        (await app.MessagesAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Pending);
    }

    [Fact]
    public async Task Retry_ClickOnARow_RetriesThatMessage()
    {
        await app.FailAsync(1);
        var page = Render<FailedMessagesPage>();
        page.WaitForAssertion(() => page.FindAll("tbody tr").Count.ShouldBe(1));

        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Opnieuw proberen").ClickAsync(new());

        page.WaitForAssertion(() => page.FindAll("[data-testid=outbox-empty]").Count.ShouldBe(1));
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Single().Message.ShouldBe("Het bericht wordt opnieuw verstuurd.");
    }
}

public sealed class FailedMessagesRouteTests(OutboxAdminApp app) : IClassFixture<OutboxAdminApp>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_Coordinator_ShowsThePage()
    {
        using var client = app.Factory.CreateClient();
        await client.GetAsync(new Uri("/dev/signin?user=coordinator", UriKind.Relative), Ct);

        using var response = await client.GetAsync(new Uri("/berichten", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("<h1", Case.Sensitive);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Mislukte berichten");
    }

    [Theory]
    [InlineData("facilitator")]
    [InlineData("counsellor")]
    public async Task Get_OtherStaff_IsRefused(string user)
    {
        using var client = app.Factory.CreateNonRedirectingClient();
        (await client.GetAsync(new Uri($"/dev/signin?user={user}", UriKind.Relative), Ct)).Dispose();

        using var response = await client.GetAsync(new Uri("/berichten", UriKind.Relative), Ct);

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Mislukte berichten");
    }
}
