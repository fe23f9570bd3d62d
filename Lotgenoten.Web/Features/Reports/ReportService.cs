using System.Text.Json.Nodes;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Figures;
using Microsoft.EntityFrameworkCore;

namespace Lotgenoten.Web.Features.Reports;

/// <summary>
/// The annual figures for the shared report: computed in the database (<see cref="FiguresQuery"/>), shaped by
/// <see cref="AnnualReport"/>, and every export written to the audit trail (who, which year and variant; no figures).
/// Callers check who may ask for which variant; this service only refuses years the portal cannot hold.
/// </summary>
public sealed class ReportService(IDbContextFactory<LotgenotenDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The current year in Brussels.</summary>
    public int CurrentYear => BrusselsTime.Today(time.GetUtcNow()).Year;

    /// <summary>Years with figures: from the first referral the portal accepts up to this year (which is still running).</summary>
    public bool IsReportableYear(int year) => year >= Referral.EarliestReceivedOn.Year && year <= CurrentYear;

    /// <summary>The figures of <paramref name="year"/> as the export document; audited as an export by <paramref name="actorId"/>.</summary>
    public async Task<JsonObject> ExportAsync(int year, ReportVariant variant, string actorId, CancellationToken ct)
    {
        if (!IsReportableYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "No figures for this year.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var figures = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(year), ct);
        db.Add(AuditEvent.Record(actorId, AuditKind.FiguresExported, "AnnualFigures", $"{year}:{variant}", time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return AnnualReport.ToJson(year, figures, variant);
    }
}
