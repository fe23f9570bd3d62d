using System.Security.Claims;
using Lotgenoten.Domain.Audit;
using Lotgenoten.Infrastructure.Retention;
using Lotgenoten.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Audit;

/// <summary>
/// The coordinators' audit log: filters (period, kinds, who, group, record type) and a server-paged grid sorted by time.
/// Opening the page records one "audit log viewed" event once the circuit is interactive (not during prerendering, and
/// not again when a filter changes).
/// </summary>
public partial class AuditLogPage
{
    private static readonly int[] PageSizes = [25, 50, 100];

    private static readonly HashSet<AuditKind> Reads = [AuditKind.NoteRead, AuditKind.ConcernRead, AuditKind.EmailRevealed, AuditKind.AuditLogViewed, AuditKind.DataExported, AuditKind.FiguresExported];
    private static readonly HashSet<AuditKind> Safeguarding = [AuditKind.NoteFlagged, AuditKind.ConcernTaken, AuditKind.ConcernHandled];
    private static readonly HashSet<AuditKind> Erasing = [AuditKind.RetentionRun, AuditKind.ParticipantErased];

    private MudDataGrid<AuditLogRow>? _grid;
    private AuditLogChoices? _choices;
    private bool _denied;
    private string? _error;
    private DateTime? _from;
    private DateTime? _to;
    private IReadOnlyCollection<AuditKind> _kinds = [];
    private string? _actor;
    private Guid? _group;
    private string? _entityType;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AuditLogService Service { get; set; } = default!;

    private bool Filtered => _from is not null || _to is not null || _kinds.Count > 0 || _actor is not null || _group is not null || _entityType is not null;

    /// <summary>Every kind, ordered by its name in the user's language.</summary>
    private IEnumerable<AuditKind> KindsByName =>
        Enum.GetValues<AuditKind>().OrderBy(k => E.Name(k), StringComparer.CurrentCultureIgnoreCase);

    private async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    protected override async Task OnInitializedAsync()
    {
        // Prerendering renders the page once more without a circuit: open (and audit) the log only once, when interactive.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _choices = await Service.OpenAsync(await UserAsync(), CancellationToken.None);
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private async Task<GridData<AuditLogRow>> LoadAsync(GridState<AuditLogRow> state, CancellationToken ct)
    {
        var ascending = state.SortDefinitions.FirstOrDefault() is { Descending: false };
        var query = new AuditLogQuery(
            state.Page, state.PageSize, Date(_from), Date(_to), _kinds, _actor, _group, _entityType, ascending);
        try
        {
            var page = await Service.SearchAsync(await UserAsync(), query, ct);
            if (_error != page.Error)
            {
                _error = page.Error;
                StateHasChanged();
            }

            return new GridData<AuditLogRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }
    }

    private static DateOnly? Date(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;

    private async Task FromChangedAsync(DateTime? value)
    {
        _from = value;
        await ReloadAsync();
    }

    private async Task ToChangedAsync(DateTime? value)
    {
        _to = value;
        await ReloadAsync();
    }

    private async Task KindsChangedAsync(IEnumerable<AuditKind>? values)
    {
        _kinds = values?.ToList() ?? [];
        await ReloadAsync();
    }

    private async Task ActorChangedAsync(string? value)
    {
        _actor = value;
        await ReloadAsync();
    }

    private async Task GroupChangedAsync(Guid? value)
    {
        _group = value;
        await ReloadAsync();
    }

    private async Task EntityTypeChangedAsync(string? value)
    {
        _entityType = value;
        await ReloadAsync();
    }

    private async Task ClearFiltersAsync()
    {
        (_from, _to, _kinds, _actor, _group, _entityType) = (null, null, [], null, null, null);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private string KindsText(IReadOnlyList<string> names) =>
        names.Count <= 2 ? string.Join(", ", names) : T["Filter_Kinds_Selected", names.Count];

    private string ActorText(string? actorId) =>
        actorId is null ? string.Empty : _choices?.Actors.FirstOrDefault(a => a.ActorId == actorId)?.Name ?? actorId;

    private string GroupText(Guid? groupId) =>
        groupId is null ? string.Empty : _choices?.Groups.FirstOrDefault(g => g.Id == groupId)?.Name ?? AuditLogService.ShortId(groupId.Value.ToString());

    /// <summary>A record type's name in the user's language; the code name when there is none.</summary>
    private string EntityName(string? entityType)
    {
        if (string.IsNullOrEmpty(entityType))
        {
            return string.Empty;
        }

        var text = T[$"Entity_{entityType}"];
        return text.ResourceNotFound ? entityType : text.Value;
    }

    /// <summary>What a retention run did (its entity id holds only counts), in words; null for other events.</summary>
    private string? RetentionCounts(AuditLogRow row) =>
        row.Kind == AuditKind.RetentionRun && RetentionResult.FromEntityId(row.EntityId) is { } r
            ? T["Retention_Counts", r.EmailsErased, r.NotesErased, r.AuditEventsDeleted, r.AttendanceUnlinked, r.OutboxMessagesDeleted, r.IdempotencyRecordsDeleted].Value
            : null;

    private static Color KindColor(AuditKind kind) =>
        Safeguarding.Contains(kind) ? Color.Warning
        : Reads.Contains(kind) ? Color.Info
        : Erasing.Contains(kind) ? Color.Secondary
        : Color.Default;
}
