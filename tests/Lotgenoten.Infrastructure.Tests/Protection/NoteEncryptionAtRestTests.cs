using System.Diagnostics;
using System.Text;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Protection;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lotgenoten.Infrastructure.Tests.Protection;

/// <summary>
/// Encryption at rest, looked at from outside the app: after a note (with a safeguarding concern and what was done), a
/// referral's e-mail address and a queued mail are stored the way the app stores them, none of their texts appears in
/// the SQLite database file (with its WAL) or in a pg_dump of the PostgreSQL database. A plain value written alongside
/// (the group's name) must appear, so the search itself is shown to work.
/// </summary>
public abstract class NoteEncryptionAtRestTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 20, 45, 0, TimeSpan.Zero);

    /// <summary>Everything the database holds, as bytes someone with a copy of it would have.</summary>
    protected abstract Task<byte[]> DumpAsync();

    [Fact]
    public async Task StoredNoteConcernAndEmail_NoneOfTheTextsAppearsInTheStoredBytes()
    {
        var marker = Guid.NewGuid().ToString("N")[..12];
        var noteText = $"Notitie-{marker}: de partner past alleen op een neefje 😟";
        var draftText = $"Concept-{marker}";
        var action = $"Actie-{marker}: doorverwezen";
        var email = $"zonnebloem.{marker}@example.be";
        var groupName = $"Groep-{marker}";
        var protector = Services.GetRequiredService<IFieldProtector>();
        var outbox = Services.GetRequiredService<IOutbox>();

        await using (var db = await DbFactory.CreateDbContextAsync(Ct))
        {
            var group = PeerGroup.Create(new PeerGroupDetails(groupName, GroupAudience.Partners, Language.Nl, GroupFormat.Online, null, null, "https://meet.example.org/x", 2, 10), Now);
            var meeting = group.ScheduleMeeting(new DateTime(2026, 11, 24, 19, 0, 0), 120, null, Now.AddDays(-10));
            var note = FacilitatorNote.SessionNote(group.Id, meeting.Id, protector.Protect(ProtectionPurposes.NoteText, draftText), "pieter-oid", Now);
            note.Update(protector.Protect(ProtectionPurposes.NoteText, noteText), note.Version, Now);
            var concern = note.FlagSafeguarding("pieter-oid", Now);
            concern.Handle(protector.Protect(ProtectionPurposes.ConcernAction, action), "hilde-oid", Now);
            var referral = Referral.Register(
                new ReferralDetails(new DateOnly(2026, 11, 1), ReferralChannel.Phone, Relation.Partner, Concern.Unknown, Language.Nl, Region.Antwerp,
                    FormatPreference.Either, WeeklyAvailability.None, ContactPreference.Email, true, "2026-01", null),
                "counsellor-oid", Now);
            referral.SetEmail(protector.Protect(ProtectionPurposes.ReferralEmail, email), protector.BlindIndex(ProtectionPurposes.ReferralEmail, email));
            db.AddRange(group, meeting, note, concern, referral);
            outbox.Enqueue(db, new OutgoingEmail(email, "Afspraak", $"Beste, {noteText}", null, "Test"));
            await db.SaveChangesAsync(Ct);
        }

        var bytes = await DumpAsync();

        Contains(bytes, groupName).ShouldBeTrue("the plain group name must be found, or the search proves nothing");
        foreach (var secret in new[] { marker[..8] + "@", noteText, draftText, action, email, $"Notitie-{marker}", $"Concept-{marker}", $"Actie-{marker}", $"zonnebloem.{marker}" })
        {
            Contains(bytes, secret).ShouldBeFalse($"'{secret}' is stored readable");
        }
    }

    /// <summary>UTF-8 and UTF-16 (SQLite may store text as either).</summary>
    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}

public sealed class SqliteNoteEncryptionAtRestTests(SqliteTestDatabase db) : NoteEncryptionAtRestTests<SqliteTestDatabase>(db)
{
    /// <summary>The database file and its WAL as they are, then again after a checkpoint moved the WAL into the file.</summary>
    protected override async Task<byte[]> DumpAsync()
    {
        var before = await FilesAsync();
        await using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        return [.. before, .. await FilesAsync()];
    }

    private async Task<byte[]> FilesAsync()
    {
        var all = new List<byte>();
        foreach (var path in new[] { Database.FilePath, Database.FilePath + "-wal", Database.FilePath + "-journal" })
        {
            if (File.Exists(path))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, Ct);
                all.AddRange(copy.ToArray());
            }
        }

        all.Count.ShouldBeGreaterThan(0);
        return [.. all];
    }
}

public sealed class PostgresNoteEncryptionAtRestTests(PostgresTestDatabase db) : NoteEncryptionAtRestTests<PostgresTestDatabase>(db)
{
    /// <summary>A plain-format pg_dump of the test database (schema and data), as a backup would hold it.</summary>
    protected override async Task<byte[]> DumpAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var start = new ProcessStartInfo(PgDump())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", settings.Host!, "--port", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--username", settings.Username!, "--no-password", "--format", "plain", "--encoding", "UTF8", settings.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        await copy;
        process.ExitCode.ShouldBe(0, await errors);
        output.Length.ShouldBeGreaterThan(1000);
        return output.ToArray();
    }

    /// <summary>The newest installed server's pg_dump (it must not be older than the server), else the one on the PATH.</summary>
    private static string PgDump()
    {
        const string root = "/usr/lib/postgresql";
        var installed = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Path: Path.Combine(d, "bin", "pg_dump")))
                .Where(d => File.Exists(d.Path))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault()
            : null;
        return installed ?? "pg_dump";
    }
}
