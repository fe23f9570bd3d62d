using System.Security.Cryptography;
using System.Text;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Web.Features.Notes;
using Lotgenoten.Web.Features.Safeguarding;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Notes;

/// <summary>
/// A note outlives the app: a draft saved through one app instance is read back by the next one on the same database
/// (and the same key-encryption key), and what lies in that database never shows the note's text or an e-mail address:
/// on SQLite the file's bytes (and its WAL), on PostgreSQL every row of every table as text (its files belong to the server).
/// </summary>
public sealed class NotePersistenceTests : IDisposable
{
    private readonly WebTestDatabase _database = WebTestDatabase.Create();
    private readonly List<LotgenotenWebFactory> _hosts = [];
    private readonly Dictionary<string, string?> _settings = new()
    {
        // The factory normally gives every instance its own database and keys; here two instances share them, as two runs of the app would.
        ["DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["DataProtection:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private string DatabasePath => _database.FilePath!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Draft_SavedBeforeRestart_IsThereAfterRestart()
    {
        var world = new NotesWorld();
        NoteSaveResult saved;
        await using (var first = Start())
        {
            await using (var db = await DbAsync(first))
            {
                await world.SeedAsync(db, Ct);
            }

            saved = await Notes(first).SaveAsync(
                NotesWorld.Pieter, new NoteSave(world.GroupId, world.MeetingId, NoteKind.Session, null, null, 0, "We spraken over schaamte en\nover wat je aan wie vertelt, tot"), Ct);
            (saved.Succeeded, saved.IsDraft).ShouldBe((true, true));
        }

        _database.ClearPool();
        await using var second = Start();
        var view = await Notes(second).GetMeetingNotesAsync(NotesWorld.Sarah, world.GroupId, world.MeetingId, Ct);

        (view.SessionNote!.Id, view.SessionNote.Text, view.SessionNote.IsDraft, view.SessionNote.Version).ShouldBe(
            (saved.NoteId!.Value, "We spraken over schaamte en\nover wat je aan wie vertelt, tot", true, saved.Version));
        var more = await Notes(second).SaveAsync(
            NotesWorld.Sarah, new NoteSave(world.GroupId, world.MeetingId, NoteKind.Session, null, saved.NoteId, saved.Version, view.SessionNote.Text + " slot.", Finish: true), Ct);
        more.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task DatabaseFile_AfterSavingNoteConcernAndEmail_HoldsNoneOfTheirTexts()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var noteText = $"Verslag {marker}: de partner zoekt opnieuw contact met kinderen";
        var action = $"Actie {marker}: gebeld";
        var email = $"relative.{marker}@example.be";
        var world = new NotesWorld();
        await using (var app = Start())
        {
            await using (var db = await DbAsync(app))
            {
                await world.SeedAsync(db, Ct);
                var protector = app.Services.GetRequiredService<IFieldProtector>();
                var referral = await db.Set<Referral>().FirstAsync(Ct);
                referral.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, email), protector.BlindIndex(ProtectionPurposes.ReferralEmail, email));
                await db.SaveChangesAsync(Ct);
            }

            var notes = Notes(app);
            var draft = await notes.SaveAsync(NotesWorld.Pieter, new NoteSave(world.GroupId, world.MeetingId, NoteKind.Session, null, null, 0, noteText[..20]), Ct);
            var done = await notes.SaveAsync(NotesWorld.Pieter, new NoteSave(world.GroupId, world.MeetingId, NoteKind.Session, null, draft.NoteId, draft.Version, noteText, Finish: true), Ct);
            var flag = await notes.FlagAsync(NotesWorld.Pieter, world.GroupId, done.NoteId!.Value, done.Version, Ct);
            var concerns = app.Services.CreateScope().ServiceProvider.GetRequiredService<ConcernService>();
            (await concerns.HandleAsync(NotesWorld.Coordinator, flag.ConcernId!.Value, 0, action, Ct)).Succeeded.ShouldBeTrue();
        }

        var bytes = _database.Provider == DatabaseProvider.Postgres ? await AllRowsAsync() : await FileBytesAsync();

        Contains(bytes, "Zonnebloem").ShouldBeTrue("the plain pseudonym must be found, or the search proves nothing");
        foreach (var secret in new[] { noteText, noteText[..20], $"Verslag {marker}", action, $"Actie {marker}", email, $"relative.{marker}" })
        {
            Contains(bytes, secret).ShouldBeFalse($"'{secret}' is readable in the database file");
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _database.Dispose();
    }

    private WebApplicationFactory<Program> Start()
    {
        var clock = new FakeTimeProvider(NotesWorld.Now);
        var host = new LotgenotenWebFactory(settings: _settings, database: _database);
        _hosts.Add(host);
        return host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
    }

    private static NoteService Notes(WebApplicationFactory<Program> app) =>
        app.Services.CreateScope().ServiceProvider.GetRequiredService<NoteService>();

    private static async Task<LotgenotenDbContext> DbAsync(WebApplicationFactory<Program> app) =>
        await app.Services.GetRequiredService<IDbContextFactory<LotgenotenDbContext>>().CreateDbContextAsync(Ct);

    /// <summary>The file and its WAL as they are, then the file again after a checkpoint moved the WAL into it.</summary>
    private async Task<byte[]> FileBytesAsync()
    {
        _database.ClearPool();
        var before = await ReadAsync(DatabasePath, DatabasePath + "-wal");
        await using (var connection = _database.CreateConnection())
        {
            await connection.OpenAsync(Ct);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        _database.ClearPool();
        var after = await ReadAsync(DatabasePath);
        after.Length.ShouldBeGreaterThan(100_000);
        return [.. before, .. after];
    }

    /// <summary>Every row of every table of the PostgreSQL database, each as its text form, in UTF-8.</summary>
    private async Task<byte[]> AllRowsAsync()
    {
        await using var connection = _database.CreateConnection();
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Count.ShouldBeGreaterThan(20);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT t::text FROM \"{table}\" AS t"; // names from the catalogue, not from input
            await using var reader = await rows.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<byte[]> ReadAsync(params string[] paths)
    {
        using var all = new MemoryStream();
        foreach (var path in paths.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all, Ct);
        }

        return all.ToArray();
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
