using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Lotgenoten.Web.Features.Account;
using Lotgenoten.Web.Features.ReferralApi;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Reports;

/// <summary>
/// The export of the annual figures: <c>GET /api/reports/annual/{year}</c> for API clients with scope Reports.Read
/// (public variant only), and <c>GET /cijfers/{year}/export</c> for coordinators (public or internal). Both take
/// <c>?variant=public|internal</c> and <c>?format=json|csv</c>. See docs/annual-figures.md.
/// </summary>
public static class ReportEndpoints
{
    public const string StaffExportPath = "/cijfers/{year:int}/export";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapApiGroup()
            .MapGet("/reports/annual/{year:int}", ApiExportAsync)
            .RequireAuthorization(Policies.ApiReportsRead)
            .WithDisplayName("Reports API: annual figures");
        endpoints.MapGet(StaffExportPath, StaffExportAsync)
            .RequireAuthorization(Policies.Coordinator)
            .WithDisplayName("Annual figures: coordinator export");
        return endpoints;
    }

    /// <summary>The path of a coordinator's download.</summary>
    public static string StaffExport(int year, ReportVariant variant, string format) =>
        $"/cijfers/{year}/export?variant={(variant == ReportVariant.Internal ? "internal" : "public")}&format={format}";

    internal static async Task<IResult> ApiExportAsync(
        int year, string? variant, string? format, HttpContext http, ReportService service, IStringLocalizer<ReferralApiTexts> texts, CancellationToken ct)
    {
        var (error, chosen, csv) = Parse(year, variant, format, service, texts);
        if (error is not null)
        {
            return error;
        }

        if (chosen == ReportVariant.Internal)
        {
            return ApiProblems.Problem(texts, StatusCodes.Status403Forbidden, "Problem_Forbidden_Title", texts["Report_InternalForCoordinators"]);
        }

        var client = ApiClient.NameOf(http.User) ?? "unknown";
        var document = await service.ExportAsync(year, chosen, ApiClient.ActorOf(client), ct);
        return Answer(http, document, year, chosen, csv);
    }

    internal static async Task<IResult> StaffExportAsync(
        int year, string? variant, string? format, HttpContext http, ReportService service, IStringLocalizer<ReferralApiTexts> texts, CancellationToken ct)
    {
        var (error, chosen, csv) = Parse(year, variant, format, service, texts);
        if (error is not null)
        {
            return error;
        }

        var actor = http.User.FindFirstValue(AuthSchemes.StaffClaims.ObjectId);
        if (string.IsNullOrEmpty(actor))
        {
            return Results.Forbid();
        }

        var document = await service.ExportAsync(year, chosen, actor, ct);
        return Answer(http, document, year, chosen, csv);
    }

    /// <summary>The query of an export, read once: an error to answer, or the variant and whether CSV was asked for.</summary>
    private readonly record struct Parsed(IResult? Error, ReportVariant Variant, bool Csv);

    private static Parsed Parse(int year, string? variant, string? format, ReportService service, IStringLocalizer<ReferralApiTexts> texts)
    {
        if (!service.IsReportableYear(year))
        {
            return new(ApiProblems.Validation(texts, "year", texts["Report_Year", 2017, service.CurrentYear]), default, false);
        }

        if (ParseVariant(variant) is not { } chosen)
        {
            return new(ApiProblems.Validation(texts, "variant", texts["Report_Variant"]), default, false);
        }

        var csv = IsCsv(format);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return new(ApiProblems.Validation(texts, "format", texts["Report_Format"]), default, false);
        }

        return new(null, chosen, csv);
    }

    private static ReportVariant? ParseVariant(string? variant) => variant?.Trim().ToLowerInvariant() switch
    {
        null or "" or "public" => ReportVariant.Public,
        "internal" => ReportVariant.Internal,
        _ => null,
    };

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static IResult Answer(HttpContext http, JsonObject document, int year, ReportVariant variant, bool csv)
    {
        http.Response.Headers.CacheControl = "no-store";
        var name = $"lotgenoten-cijfers-{year}-{(variant == ReportVariant.Internal ? "intern" : "publiek")}";
        if (csv)
        {
            return Results.File(AnnualReport.ToCsv(document), "text/csv; charset=utf-8", name + ".csv");
        }

        return Results.Text(document.ToJsonString(AnnualReport.WriteOptions), "application/json; charset=utf-8", Encoding.UTF8);
    }
}
