using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Infrastructure.Api;
using Lotgenoten.Infrastructure.Data;
using Lotgenoten.Web.Features.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>
/// The referral API's work: registering a referral from a JSON body (the form's validator and registrar, actor
/// <c>api:&lt;client&gt;</c>), with idempotency keys, and looking up the status of a client's own referrals. Every call
/// checks that the caller is one API client with scope <c>Referrals.Submit</c>.
/// </summary>
public sealed class ReferralApiService(
    IDbContextFactory<LotgenotenDbContext> dbFactory,
    IValidator<ReferralInput> validator,
    ReferralRegistrar registrar,
    IStringLocalizer<ReferralApiTexts> apiTexts,
    IStringLocalizer<ReferralTexts> texts,
    TimeProvider time,
    ILogger<ReferralApiService> logger)
{
    /// <summary>The operation idempotency records of this endpoint carry.</summary>
    public const string CreateOperation = "POST /api/referrals";

    /// <summary>
    /// Registers the referral in <paramref name="body"/> (raw JSON bytes). With an <paramref name="idempotencyKey"/>
    /// (already checked for form), a retry of the same body returns the first referral, and a different body is refused.
    /// </summary>
    public async Task<ReferralApiResult> CreateAsync(ClaimsPrincipal caller, ReadOnlyMemory<byte> body, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (ClientOf(caller) is not { } client)
        {
            return ReferralApiResult.Of(ReferralApiOutcome.Forbidden);
        }

        var requestHash = Convert.ToHexStringLower(SHA256.HashData(body.Span));
        if (idempotencyKey is not null)
        {
            await using var lookup = await dbFactory.CreateDbContextAsync(ct);
            if (await FindRecordAsync(lookup, client, idempotencyKey, ct) is { } record)
            {
                return await ReplayAsync(lookup, client, record, requestHash, raced: false, ct);
            }
        }

        var now = time.GetUtcNow();
        var request = new ReferralRequestReader(apiTexts).Read(body.Span, BrusselsTime.Today(now));
        var readErrors = request.Errors.Keys.ToHashSet(StringComparer.Ordinal);
        if (!request.Unreadable)
        {
            var validation = await validator.ValidateAsync(request.Input, ct);
            foreach (var failure in validation.Errors)
            {
                var field = ReferralJsonFields.ByProperty.GetValueOrDefault(failure.PropertyName, ApiProblems.BodyKey);
                // A field the reader could not read already has its error; "choose one" on top of it would only confuse.
                var unread = readErrors.Contains(field)
                    || (field.StartsWith(ReferralJsonFields.Consent + ".", StringComparison.Ordinal) && readErrors.Contains(ReferralJsonFields.Consent));
                if (!unread)
                {
                    request.Add(field, failure.ErrorMessage);
                }
            }
        }

        if (request.Errors.Count > 0)
        {
            ReferralApiLog.Rejected(logger, client, request.Errors.Count);
            return ReferralApiResult.Invalid(request.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Referral referral;
        try
        {
            referral = registrar.Add(db, request.Input, ApiClient.ActorOf(client));
        }
        catch (DomainException e)
        {
            // The validator should have said so first; the domain has the last word, still without a 500.
            var field = DomainField(e.Code);
            ReferralApiLog.Rejected(logger, client, 1);
            return ReferralApiResult.Invalid(new Dictionary<string, List<string>> { [field] = [texts["Error_Invalid"]] });
        }

        if (idempotencyKey is not null)
        {
            db.Add(new ApiIdempotencyRecord(client, idempotencyKey, CreateOperation, requestHash, referral.Id, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // Another request with this key won the race: its record (and referral) stand, this one is rolled back.
            await using var reload = await dbFactory.CreateDbContextAsync(ct);
            if (await FindRecordAsync(reload, client, idempotencyKey, ct) is not { } record)
            {
                throw;
            }

            return await ReplayAsync(reload, client, record, requestHash, raced: true, ct);
        }

        ReferralApiLog.Registered(logger, client, referral.Id);
        return ReferralApiResult.Of(ReferralApiOutcome.Created, new ReferralCreatedResponse(referral.Id, referral.Reference, referral.Status, referral.ReceivedOn));
    }

    /// <summary>The status and dates of a referral this client registered; null for any other id (unknown or not its own).</summary>
    public async Task<ReferralStatusResponse?> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (ClientOf(caller) is not { } client)
        {
            return null;
        }

        var actor = ApiClient.ActorOf(client);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Id == id && r.RegisteredBy == actor)
            .Select(r => new ReferralStatusResponse(
                r.Id, r.Reference, r.Status, r.ReceivedOn, r.RegisteredAt, r.StatusChangedAt, r.IntakePlannedFor, r.PlacedOn, r.ClosedOn))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The client name of a caller that may submit referrals, or null.</summary>
    private static string? ClientOf(ClaimsPrincipal caller) =>
        ApiClient.HasScope(caller, ApiScopes.ReferralsSubmit) ? ApiClient.NameOf(caller) : null;

    private static Task<ApiIdempotencyRecord?> FindRecordAsync(LotgenotenDbContext db, string client, string key, CancellationToken ct) =>
        db.Set<ApiIdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.ClientId == client && r.Key == key && r.Operation == CreateOperation, ct);

    private async Task<ReferralApiResult> ReplayAsync(
        LotgenotenDbContext db, string client, ApiIdempotencyRecord record, string requestHash, bool raced, CancellationToken ct)
    {
        if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
        {
            ReferralApiLog.KeyReused(logger, client);
            return ReferralApiResult.Of(ReferralApiOutcome.KeyReused);
        }

        var referral = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Id == record.ResourceId)
            .Select(r => new ReferralCreatedResponse(r.Id, r.Reference, r.Status, r.ReceivedOn))
            .SingleOrDefaultAsync(ct);
        if (referral is null)
        {
            return ReferralApiResult.Of(ReferralApiOutcome.Gone);
        }

        if (raced)
        {
            ReferralApiLog.RaceReplayed(logger, client, referral.Id);
        }
        else
        {
            ReferralApiLog.Replayed(logger, client, referral.Id);
        }

        return ReferralApiResult.Of(ReferralApiOutcome.Replayed, referral);
    }

    private static string DomainField(string code) => code switch
    {
        _ when code.StartsWith("referral.received-on", StringComparison.Ordinal) => ReferralJsonFields.ReceivedOn,
        _ when code.StartsWith("referral.consent", StringComparison.Ordinal) => ReferralJsonFields.ConsentGiven,
        _ when code.StartsWith("referral.notice-version", StringComparison.Ordinal) => ReferralJsonFields.NoticeVersion,
        _ when code.StartsWith("referral.remark", StringComparison.Ordinal) => ReferralJsonFields.Remark,
        _ => ApiProblems.BodyKey,
    };
}
