using System.Security.Claims;
using System.Text.Json.Nodes;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Infrastructure.Demo;
using Lotgenoten.Infrastructure.Figures;
using Lotgenoten.Web.Features.Account;
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

    /// <summary>The last complete year in Brussels (the default of the annual figures page).</summary>
    public int LastCompleteYear => Math.Max(Referral.EarliestReceivedOn.Year, CurrentYear - 1);

    /// <summary>
    /// The annual figures page for coordinators: the figures of <paramref name="year"/> and of the two years before it
    /// (those the portal holds), each shaped by <see cref="AnnualReport"/> in <paramref name="variant"/>, so the page shows
    /// exactly the cells the export holds. Checks the Coordinator role again on every call (a circuit keeps its user).
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not a coordinator.</exception>
    public async Task<FiguresPageModel> GetPageAsync(ClaimsPrincipal user, int year, ReportVariant variant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var objectId = user.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(AppRoles.Coordinator) || string.IsNullOrEmpty(objectId))
        {
            throw new UnauthorizedAccessException("The annual figures need the Coordinator role.");
        }

        if (!IsReportableYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "No figures for this year.");
        }

        var years = new List<FiguresYear>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var y in new[] { year, year - 1, year - 2 }.Where(IsReportableYear))
        {
            var figures = await FiguresQuery.ComputeAsync(db, FiguresPeriod.Year(y), ct);
            years.Add(new FiguresYear(y, y == CurrentYear, figures, AnnualReport.ToJson(y, figures, variant)));
        }

        return new FiguresPageModel(year, variant, years);
    }
}
