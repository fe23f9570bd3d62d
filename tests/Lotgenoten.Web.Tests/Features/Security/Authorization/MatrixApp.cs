using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Staff;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Security.Authorization;

/// <summary>
/// One Development host with the demo data for the whole matrix, the sample ids its routes are filled with, and one
/// signed-in client per role (made once, reused by every cell; requests of a role never change its session).
/// Sarah (facilitator2) is taken off "Partners Antwerpen" here, so that she is the facilitator of another group (she keeps
/// the closed Gent group) and Pieter (facilitator) the facilitator of this one.
/// </summary>
public sealed class MatrixApp : LotgenotenWebFactory, IAsyncLifetime
{
    private readonly Dictionary<MatrixRole, HttpClient> _clients = [];

    public MatrixApp()
        : base(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "true" })
    {
    }

    /// <summary>The values that stand in for route parameters: <c>{group}</c>, <c>{meeting}</c>, … (see <see cref="AuthorizationMatrix"/>).</summary>
    public IReadOnlyDictionary<string, string> Samples { get; private set; } = new Dictionary<string, string>();

    /// <summary>Themes of the sample group's meetings (demo data), which a facilitator of another group must never see.</summary>
    public static IReadOnlyList<string> GroupThemes { get; } = ["Schaamte en geheimhouding", "Grenzen stellen"];

    /// <summary>The name of the sample group, which a facilitator of another group must never see.</summary>
    public string GroupName { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(ct))
        {
            var sarah = await db.Set<StaffMember>().SingleAsync(s => s.ObjectId == DemoUsers.SecondFacilitator.ObjectId, ct);
            var group = await db.Set<PeerGroup>().Include(g => g.Facilitators)
                .SingleAsync(g => g.Name == "Partners Antwerpen (dinsdag)", ct);
            group.RemoveFacilitator(sarah.Id);
            await db.SaveChangesAsync(ct);

            var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var meeting = await db.Set<Meeting>().Where(m => m.GroupId == group.Id && m.StartsAt < now)
                .OrderByDescending(m => m.StartsAt).Select(m => m.Id).FirstAsync(ct);
            var own = await db.Set<Referral>().Where(r => r.RegisteredBy == DemoUsers.Counsellor.ObjectId)
                .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(ct);
            var next = await db.Set<Meeting>().Where(m => m.GroupId == group.Id && m.StartsAt > now)
                .OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync(ct);
            var gent = await db.Set<PeerGroup>().SingleAsync(g => g.Name == "Partners Gent (najaar)", ct);
            var gentMeeting = await db.Set<Meeting>().Where(m => m.GroupId == gent.Id).OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync(ct);
            var others = await db.Set<Referral>().Where(r => r.RegisteredBy == DemoUsers.Coordinator.ObjectId)
                .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(ct);
            GroupName = group.Name;
            Samples = new Dictionary<string, string>
            {
                ["{group}"] = group.Id.ToString(),
                ["{meeting}"] = meeting.ToString(),
                ["{nextMeeting}"] = next.ToString(),
                ["{otherGroup}"] = gent.Id.ToString(),
                ["{otherMeeting}"] = gentMeeting.ToString(),
                ["{referral}"] = own.ToString(),
                ["{otherReferral}"] = others.ToString(),
                ["{year}"] = (now.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["{feedToken}"] = DemoDataSeeder.FacilitatorFeedToken,
            };
        }

        foreach (var role in Enum.GetValues<MatrixRole>())
        {
            _clients[role] = await SignInAsync(role, ct);
        }
    }

    /// <summary>The shared client of a role: cookies kept, redirects not followed.</summary>
    public HttpClient Client(MatrixRole role) => _clients[role];

    /// <summary>A client of its own for a request that ends or changes the session (sign-out).</summary>
    public async Task<HttpClient> SignInAsync(MatrixRole role, CancellationToken ct)
    {
        var client = CreateNonRedirectingClient();
        if (role.DemoUserKey() is { } key)
        {
            using var response = await client.GetAsync(new Uri($"/dev/signin?user={key}", UriKind.Relative), ct);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, $"dev sign-in of {key}");
        }

        return client;
    }

    /// <summary>Replaces the placeholders of a sample path with the fixture's ids.</summary>
    public string Fill(string samplePath) =>
        Samples.Aggregate(samplePath, (path, sample) => path.Replace(sample.Key, sample.Value, StringComparison.Ordinal));

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>One <see cref="MatrixApp"/> for the matrix and the inventory (one seeded host for every cell).</summary>
[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixApp>
{
    public const string Name = "Authorization matrix";
}
