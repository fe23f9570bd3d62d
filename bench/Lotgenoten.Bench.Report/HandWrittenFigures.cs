using System.Data.Common;
using System.Globalization;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Groups;
using Lotgenoten.Domain.Meetings;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Lotgenoten.Bench.Report;

/// <summary>
/// The figures of a period (<see cref="PeriodFigures"/>, exactly as <see cref="FiguresQuery"/> defines them) by
/// hand-written SQL: one command, one round trip, four result sets. The baseline of the report benchmark; its equality
/// with <see cref="FiguresQuery"/> is proven by <c>HandWrittenFiguresTests</c> on both databases.
/// <para>
/// The SQL is the same text on SQLite and PostgreSQL (quoted names, <c>COUNT(*) FILTER</c>, scalar subqueries); the
/// dialects differ only in how values are stored, so in the parameters: on SQLite a date is <c>yyyy-MM-dd</c> text and an
/// instant the binary form of <see cref="DateTimeOffsetToBinaryConverter"/> (see <c>SqliteLotgenotenDbContext</c>); on
/// PostgreSQL they are <c>date</c> and <c>timestamptz</c>.
/// </para>
/// </summary>
public static class HandWrittenFigures
{
    private const string Waiting = nameof(ReferralStatus.Waiting);
    private const string Held = nameof(MeetingStatus.Held);
    private const string Cancelled = nameof(MeetingStatus.Cancelled);
    private const string Present = nameof(AttendanceStatus.Present);
    private const string Late = nameof(AttendanceStatus.Late);
    private const string Completed = nameof(MembershipStatus.Completed);
    private const string Withdrawn = nameof(MembershipStatus.Withdrawn);

    /// <summary>The command text (the same on both databases).</summary>
    public const string Sql = $"""
        SELECT 'byRelation' AS "Dimension", "Relation" AS "Key", COUNT(*) AS "Count" FROM "Referrals" WHERE "ReceivedOn" >= @from AND "ReceivedOn" <= @to GROUP BY "Relation"
        UNION ALL SELECT 'byConcern', "Concern", COUNT(*) FROM "Referrals" WHERE "ReceivedOn" >= @from AND "ReceivedOn" <= @to GROUP BY "Concern"
        UNION ALL SELECT 'byChannel', "Channel", COUNT(*) FROM "Referrals" WHERE "ReceivedOn" >= @from AND "ReceivedOn" <= @to GROUP BY "Channel"
        UNION ALL SELECT 'byLanguage', "Language", COUNT(*) FROM "Referrals" WHERE "ReceivedOn" >= @from AND "ReceivedOn" <= @to GROUP BY "Language"
        UNION ALL SELECT 'byRegion', "Region", COUNT(*) FROM "Referrals" WHERE "ReceivedOn" >= @from AND "ReceivedOn" <= @to GROUP BY "Region";

        SELECT
          (SELECT COUNT(*) FROM "Referrals" WHERE "IntakeHeldOn" >= @from AND "IntakeHeldOn" <= @to) AS "IntakesHeld",
          (SELECT COUNT(*) FROM "Memberships" WHERE "PlacedAt" >= @start AND "PlacedAt" < @end) AS "Placed",
          (SELECT COUNT(*) FROM "Memberships" WHERE "JoinedAt" >= @start AND "JoinedAt" < @end) AS "Joined",
          (SELECT COUNT(*) FROM "Memberships" WHERE "PlacedAt" >= @start AND "PlacedAt" < @end AND "FirstAttendedAt" < @end) AS "StartedOfPlaced",
          (SELECT COUNT(*) FROM "PeerGroups" WHERE "StartedOn" >= @from AND "StartedOn" <= @to) AS "GroupsStarted",
          (SELECT COUNT(*) FROM "PeerGroups" WHERE "StartedOn" <= @to AND ("ClosedOn" IS NULL OR "ClosedOn" >= @from)) AS "GroupsRunning",
          (SELECT COUNT(*) FROM "PeerGroups" WHERE "StartedOn" IS NOT NULL AND "ClosedOn" >= @from AND "ClosedOn" <= @to) AS "GroupsClosed",
          (SELECT COUNT(*) FROM "Meetings" WHERE "Status" = '{Held}' AND "Date" >= @from AND "Date" <= @to) AS "MeetingsHeld",
          (SELECT COUNT(*) FROM "Meetings" WHERE "Status" = '{Cancelled}' AND "Date" >= @from AND "Date" <= @to) AS "MeetingsCancelled",
          (SELECT COUNT(*) FROM "Attendance" a JOIN "Meetings" m ON m."Id" = a."MeetingId"
            WHERE m."Status" = '{Held}' AND m."Date" >= @from AND m."Date" <= @to AND a."Status" IN ('{Present}', '{Late}')) AS "Attendances",
          (SELECT COUNT(*) FROM "Meetings" m JOIN "Memberships" ms ON ms."GroupId" = m."GroupId"
            WHERE m."Status" = '{Held}' AND m."Date" >= @from AND m."Date" <= @to
              AND ms."JoinedAt" <= m."EndsAt" AND (ms."EndedAt" IS NULL OR ms."EndedAt" >= m."StartsAt")) AS "ExpectedAttendances",
          (SELECT COUNT(*) FROM "Memberships" ms
            WHERE ms."Status" = '{Completed}' AND ms."EndedAt" >= @start AND ms."EndedAt" < @end
              AND 2 * COALESCE(ms."AttendedMeetings",
                    (SELECT COUNT(*) FROM "Attendance" a WHERE a."MembershipId" = ms."Id" AND a."Status" IN ('{Present}', '{Late}')))
                  >= (SELECT COUNT(*) FROM "Meetings" m WHERE m."GroupId" = ms."GroupId" AND m."Status" = '{Held}'
                        AND m."EndsAt" >= ms."JoinedAt" AND m."StartsAt" <= ms."EndedAt")) AS "Completed",
          (SELECT COUNT(*) FROM "SafeguardingConcerns" WHERE "RaisedAt" >= @start AND "RaisedAt" < @end) AS "ConcernsRaised",
          (SELECT COUNT(*) FROM "SafeguardingConcerns" WHERE "HandledAt" >= @start AND "HandledAt" < @end) AS "ConcernsHandled",
          w."WaitingAtEnd", w."WaitingSince"
        FROM (
          SELECT COUNT(*) AS "WaitingAtEnd", MIN(r."ReceivedOn") AS "WaitingSince"
          FROM "Referrals" r
          JOIN (SELECT "ReferralId" FROM "ReferralStatusChanges"
                WHERE "ChangedAt" < @end AND ("To" = '{Waiting}' OR "From" = '{Waiting}')
                GROUP BY "ReferralId"
                HAVING COUNT(*) FILTER (WHERE "To" = '{Waiting}') > COUNT(*) FILTER (WHERE "From" = '{Waiting}')) h
            ON h."ReferralId" = r."Id") w;

        SELECT r."ReceivedOn", ms."FirstAttendedAt"
        FROM "Memberships" ms JOIN "Referrals" r ON r."Id" = ms."ReferralId"
        WHERE ms."FirstAttendedAt" >= @start AND ms."FirstAttendedAt" < @end;

        SELECT "EndReason", COUNT(*) FROM "Memberships"
        WHERE "Status" = '{Withdrawn}' AND "EndedAt" >= @start AND "EndedAt" < @end
        GROUP BY "EndReason";
        """;

    private static readonly DateTimeOffsetToBinaryConverter Binary = new();

    /// <summary>Computes the figures of <paramref name="period"/> on an open or closed connection of <paramref name="provider"/>.</summary>
    public static async Task<PeriodFigures> ComputeAsync(DbConnection connection, DatabaseProvider provider, FiguresPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(period);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        AddParameters(command, provider, period);

        await using var reader = await command.ExecuteReaderAsync(ct);

        // 1. The referrals received, by dimension.
        var breakdowns = new Dictionary<string, Dictionary<string, long>>();
        while (await reader.ReadAsync(ct))
        {
            var dimension = reader.GetString(0);
            if (!breakdowns.TryGetValue(dimension, out var counts))
            {
                breakdowns[dimension] = counts = [];
            }

            counts[reader.GetString(1)] = reader.GetInt64(2);
        }

        // 2. The single counts.
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        long Count(int ordinal) => reader.GetInt64(ordinal);
        var (intakes, placed, joined, startedOfPlaced) = (Count(0), Count(1), Count(2), Count(3));
        var (groupsStarted, groupsRunning, groupsClosed) = (Count(4), Count(5), Count(6));
        var (meetingsHeld, meetingsCancelled, attendances, expected, completed) = (Count(7), Count(8), Count(9), Count(10), Count(11));
        var (concernsRaised, concernsHandled, waitingAtEnd) = (Count(12), Count(13), Count(14));
        DateOnly? waitingSince = await reader.IsDBNullAsync(15, ct) ? null : ReadDate(reader, 15, provider);

        // 3. Days to a first meeting (the Brussels date of the first attendance, taken here as FiguresQuery does).
        await reader.NextResultAsync(ct);
        var days = new List<int>();
        while (await reader.ReadAsync(ct))
        {
            var firstAttended = ReadInstant(reader, 1, provider);
            days.Add(BrusselsTime.Today(firstAttended).DayNumber - ReadDate(reader, 0, provider).DayNumber);
        }

        days.Sort();

        // 4. Withdrawn by reason (no reason counts as Other).
        await reader.NextResultAsync(ct);
        var withdrawn = new Dictionary<string, long>();
        while (await reader.ReadAsync(ct))
        {
            var reason = await reader.IsDBNullAsync(0, ct) ? nameof(WithdrawalReason.Other) : reader.GetString(0);
            withdrawn[reason] = withdrawn.GetValueOrDefault(reason) + reader.GetInt64(1);
        }

        var received = breakdowns.GetValueOrDefault("byRelation") ?? [];
        return new PeriodFigures
        {
            Period = period,
            ReferralsReceived = new CountFigure(received.Values.Sum(), new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>
            {
                ["byRelation"] = Fill<Relation>(breakdowns, "byRelation"),
                ["byConcern"] = Fill<Concern>(breakdowns, "byConcern"),
                ["byChannel"] = Fill<ReferralChannel>(breakdowns, "byChannel"),
                ["byLanguage"] = Fill<Language>(breakdowns, "byLanguage"),
                ["byRegion"] = Fill<Region>(breakdowns, "byRegion"),
            }),
            IntakesHeld = intakes,
            Placed = placed,
            Joined = joined,
            StartedOfPlaced = startedOfPlaced,
            DaysToFirstMeeting = days,
            WaitingAtEnd = waitingAtEnd,
            LongestWaitDays = waitingSince is { } since ? period.To.DayNumber - since.DayNumber : null,
            GroupsStarted = groupsStarted,
            GroupsRunning = groupsRunning,
            GroupsClosed = groupsClosed,
            MeetingsHeld = meetingsHeld,
            MeetingsCancelled = meetingsCancelled,
            Attendances = attendances,
            ExpectedAttendances = expected,
            Completed = completed,
            Withdrawn = new CountFigure(withdrawn.Values.Sum(), new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>
            {
                ["byReason"] = Fill<WithdrawalReason>(new() { ["byReason"] = withdrawn }, "byReason"),
            }),
            ConcernsRaised = concernsRaised,
            ConcernsHandled = concernsHandled,
        };
    }

    private static void AddParameters(DbCommand command, DatabaseProvider provider, FiguresPeriod period)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var parameters = ((NpgsqlCommand)command).Parameters;
            parameters.Add(new NpgsqlParameter<DateOnly>("from", NpgsqlDbType.Date) { TypedValue = period.From });
            parameters.Add(new NpgsqlParameter<DateOnly>("to", NpgsqlDbType.Date) { TypedValue = period.To });
            parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", NpgsqlDbType.TimestampTz) { TypedValue = period.StartUtc.ToUniversalTime() });
            parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", NpgsqlDbType.TimestampTz) { TypedValue = period.EndUtc.ToUniversalTime() });
        }
        else
        {
            var parameters = ((SqliteCommand)command).Parameters;
            parameters.AddWithValue("@from", period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            parameters.AddWithValue("@to", period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            parameters.AddWithValue("@start", (long)Binary.ConvertToProvider(period.StartUtc.ToUniversalTime())!);
            parameters.AddWithValue("@end", (long)Binary.ConvertToProvider(period.EndUtc.ToUniversalTime())!);
        }
    }

    private static DateOnly ReadDate(DbDataReader reader, int ordinal, DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres
            ? reader.GetFieldValue<DateOnly>(ordinal)
            : DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset ReadInstant(DbDataReader reader, int ordinal, DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres
            ? reader.GetFieldValue<DateTimeOffset>(ordinal)
            : (DateTimeOffset)Binary.ConvertFromProvider(reader.GetInt64(ordinal))!;

    private static List<KeyValuePair<string, long>> Fill<TEnum>(Dictionary<string, Dictionary<string, long>> breakdowns, string dimension)
        where TEnum : struct, Enum
    {
        var counts = breakdowns.GetValueOrDefault(dimension) ?? [];
        return [.. Enum.GetNames<TEnum>().Select(name => KeyValuePair.Create(name, counts.GetValueOrDefault(name)))];
    }
}
