using System.Reflection;
using System.Text.RegularExpressions;
using Lotgenoten.Domain.Audit;

namespace Lotgenoten.Infrastructure.Tests.Retention;

/// <summary>
/// "The app has no code path that updates or deletes audit events except the retention job": the source of the web and
/// infrastructure projects is scanned, so a new path fails the build's tests, and the entity offers no way to change one.
/// </summary>
public sealed partial class AuditDeletionPathTests
{
    private static readonly string[] Destructive =
    [
        "ExecuteDelete", "ExecuteUpdate", ".Remove(", ".RemoveRange(", ".Update(", ".UpdateRange(", ".Attach(", ".AttachRange(",
        "EntityState.Deleted", "EntityState.Modified",
    ];

    /// <summary>Calls that change or delete whatever entity they are given, in code that also queries audit events.</summary>
    private static readonly string[] DestructiveOnContext =
    [
        "ExecuteDelete", "ExecuteUpdate", "db.Remove(", "db.RemoveRange(", "db.Update(", "db.UpdateRange(", "db.Attach(", "EntityState.Deleted",
        "EntityState.Modified", "ExecuteSql",
    ];

    /// <summary>The one place allowed to delete audit events.</summary>
    private static readonly string RetentionFolder = Path.Combine("Lotgenoten.Infrastructure", "Retention") + Path.DirectorySeparatorChar;

    [Fact]
    public void Source_OutsideRetention_NeverDeletesOrUpdatesAuditEvents()
    {
        var offenders = Scan(excludeRetention: true);

        offenders.ShouldBeEmpty("only Lotgenoten.Infrastructure/Retention may delete or update audit events");
    }

    [Fact]
    public void Scan_RetentionJob_IsFound()
    {
        // The scanner can fail: without the exemption it finds the job's own deletion.
        var offenders = Scan(excludeRetention: false);

        offenders.ShouldContain(o => o.StartsWith(RetentionFolder + "RetentionJob.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("await db.Set<AuditEvent>().Where(a => a.Id == id).ExecuteDeleteAsync(ct);")]
    [InlineData("var e = await db.Set<AuditEvent>().FirstAsync(ct);\n db.Remove(e);")]
    [InlineData("await db.Database.ExecuteSqlRawAsync(\"DELETE FROM \\\"AuditEvents\\\" WHERE 1=1\");")]
    [InlineData("await db.Database.ExecuteSqlAsync($\"update AuditEvents set ActorId = ''\");")]
    [InlineData("db.AuditEvents.RemoveRange(old);")]
    public void Offences_InSource_AreFound(string source) =>
        Offences(source).ShouldNotBeEmpty();

    [Theory]
    [InlineData("db.Add(AuditEvent.Record(actor, AuditKind.NoteRead, \"FacilitatorNote\", id, now, groupId));\n db.Remove(draft);")]
    [InlineData("var rows = await db.Set<AuditEvent>().AsNoTracking().Where(a => a.Kind == kind).ToListAsync(ct);")]
    public void Offences_AddingAndReading_AreNotFound(string source) =>
        Offences(source).ShouldBeEmpty();

    [Fact]
    public void AuditEvent_HasNoPublicWayToChangeOne()
    {
        var type = typeof(AuditEvent);

        type.GetProperties().Where(p => p.SetMethod?.IsPublic == true).ShouldBeEmpty();
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .ShouldBeEmpty();
        type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name).ShouldBe(["Record"]);
    }

    private static List<string> Scan(bool excludeRetention)
    {
        var root = RepositoryRoot();
        var offenders = new List<string>();
        foreach (var project in new[] { "Lotgenoten.Web", "Lotgenoten.Infrastructure" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
            {
                var relative = Path.GetRelativePath(root, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("Migrations")
                    || (excludeRetention && relative.StartsWith(RetentionFolder, StringComparison.Ordinal)))
                {
                    continue;
                }

                offenders.AddRange(Offences(File.ReadAllText(file)).Select(o => $"{relative}: {o}"));
            }
        }

        offenders.Count.ShouldBeLessThan(1000);
        return offenders;
    }

    /// <summary>
    /// What in <paramref name="source"/> could change or delete audit events: a statement naming them with a destructive
    /// call, a destructive call anywhere in code that queries them (an entity loaded there and removed later), or raw SQL.
    /// </summary>
    private static List<string> Offences(string source)
    {
        var found = new List<string>();
        foreach (var statement in source.Split(';'))
        {
            if ((statement.Contains("AuditEvent", StringComparison.Ordinal) || statement.Contains("Audit", StringComparison.Ordinal) && statement.Contains(".Remove", StringComparison.Ordinal))
                && Destructive.FirstOrDefault(d => statement.Contains(d, StringComparison.Ordinal)) is { } call
                && !IsAddOnly(statement))
            {
                found.Add($"{call} in \"{Shorten(statement)}\"");
            }
        }

        if (source.Contains("Set<AuditEvent>", StringComparison.Ordinal) || source.Contains(".AuditEvents", StringComparison.Ordinal))
        {
            found.AddRange(DestructiveOnContext.Where(d => source.Contains(d, StringComparison.Ordinal)).Select(d => $"{d} in a file that queries audit events"));
        }

        found.AddRange(RawSql().Matches(source).Select(m => $"raw SQL \"{m.Value}\""));
        return found;
    }

    /// <summary>A statement that only records an event (<c>AuditEvent.Record</c>) and has nothing destructive of its own.</summary>
    private static bool IsAddOnly(string statement) =>
        statement.Contains("AuditEvent.Record(", StringComparison.Ordinal)
        && !statement.Contains("Set<AuditEvent>", StringComparison.Ordinal)
        && !statement.Contains(".AuditEvents", StringComparison.Ordinal);

    private static string Shorten(string statement)
    {
        var text = WhiteSpace().Replace(statement, " ").Trim();
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lotgenoten.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Lotgenoten.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""(DELETE\s+FROM|UPDATE|TRUNCATE(\s+TABLE)?)\s+\\?"?AuditEvents""", RegexOptions.IgnoreCase)]
    private static partial Regex RawSql();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
