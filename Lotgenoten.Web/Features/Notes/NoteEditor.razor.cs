using System.Globalization;
using System.Security.Claims;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Notes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lotgenoten.Web.Features.Notes;

/// <summary>
/// The note editor: plain text with line breaks, saved on the server as the facilitator types (about a second after
/// the last keystroke, and when the field loses focus), so a dropped connection or a closed tab loses at most the last
/// second. Saves run one at a time, each with the version the previous one returned; a stale version (a co-facilitator
/// saved in between) shows their text beside the user's own, which stays in the field, unsaved, until they choose.
/// "Afronden" finishes a draft; "Zorgmelding" flags the note (see <see cref="NoteFlagging"/>).
/// </summary>
public sealed partial class NoteEditor : IAsyncDisposable
{
    /// <summary>How long after the last keystroke a draft is saved.</summary>
    public static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITimer? _timer;
    private string? _text;
    private string? _savedText;
    private Guid? _noteId;
    private int _version;
    private bool _isDraft = true;
    private bool _isFlagged;
    private DateTimeOffset? _savedAt;
    private DateTimeOffset? _updatedAt;
    private bool _saving;
    private bool _busy;
    private string? _error;
    private NoteView? _conflict;
    private bool _disposed;

    /// <summary>The group of the meeting.</summary>
    [Parameter, EditorRequired]
    public Guid GroupId { get; set; }

    /// <summary>The meeting the note belongs to.</summary>
    [Parameter, EditorRequired]
    public Guid MeetingId { get; set; }

    /// <summary>A session note or a member note.</summary>
    [Parameter, EditorRequired]
    public NoteKind Kind { get; set; }

    /// <summary>The member a member note is about.</summary>
    [Parameter]
    public Guid? MembershipId { get; set; }

    /// <summary>The note as loaded (null for a new one). Read once, when the editor starts.</summary>
    [Parameter]
    public NoteView? Note { get; set; }

    /// <summary>The field's label (its accessible name).</summary>
    [Parameter, EditorRequired]
    public string Label { get; set; } = string.Empty;

    /// <summary>The editor's <c>data-testid</c>.</summary>
    [Parameter]
    public string TestId { get; set; } = "note-editor";

    /// <summary>Called after each successful save or flag, with the note's state (no decrypt needed: the editor knows its text).</summary>
    [Parameter]
    public EventCallback<NoteView> OnChanged { get; set; }

    /// <summary>When set, a "Sluiten" button saves what is pending and calls this.</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private NoteService Notes { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool Dirty => !string.Equals(_text ?? string.Empty, _savedText ?? string.Empty, StringComparison.Ordinal);

    private string StatusText
    {
        get
        {
            if (_saving)
            {
                return T["Status_Saving"];
            }

            if (Dirty)
            {
                return T["Status_Unsaved"];
            }

            if (_savedAt is { } saved)
            {
                return _isDraft ? T["Status_DraftSaved", ClockTime(saved)] : T["Status_Saved", ClockTime(saved)];
            }

            if (_noteId is null)
            {
                return T["Status_New"];
            }

            return _isDraft ? T["Status_DraftOf", When(_updatedAt!.Value)] : T["Status_FinishedOn", When(_updatedAt!.Value)];
        }
    }

    protected override void OnInitialized()
    {
        if (Note is { } note)
        {
            _text = note.Text;
            _savedText = note.Text;
            _noteId = note.Id;
            _version = note.Version;
            _isDraft = note.IsDraft;
            _isFlagged = note.IsFlagged;
            _updatedAt = note.UpdatedAt;
        }
    }

    /// <summary>Each keystroke restarts the save timer; the save itself runs on the circuit's dispatcher.</summary>
    private void TextChanged(string? value)
    {
        _text = value;
        _timer ??= Time.CreateTimer(_ => _ = InvokeAsync(() => SaveAsync(finish: false)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(SaveDelay, Timeout.InfiniteTimeSpan);
    }

    private Task BlurAsync(FocusEventArgs args) => SaveAsync(finish: false);

    private Task FinishAsync() => SaveAsync(finish: true);

    private async Task CloseAsync()
    {
        await SaveAsync(finish: false);
        if (!Dirty && _conflict is null)
        {
            await OnClose.InvokeAsync();
        }
    }

    /// <summary>Saves what is in the field (and finishes the draft when asked), one save at a time.</summary>
    private async Task SaveAsync(bool finish)
    {
        if (_disposed)
        {
            return;
        }

        await SaveCoreAsync(finish, render: true);
        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    private async Task SaveCoreAsync(bool finish, bool render)
    {

        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await _gate.WaitAsync();
        try
        {
            if (_conflict is not null || (!finish && !Dirty))
            {
                return;
            }

            var text = _text ?? string.Empty;
            _saving = true;
            _busy = true;
            if (render)
            {
                StateHasChanged();
            }

            var user = (await AuthenticationState).User;
            var result = await Notes.SaveAsync(user, new NoteSave(GroupId, MeetingId, Kind, MembershipId, _noteId, _version, text, finish), CancellationToken.None);
            if (result.Succeeded)
            {
                _error = null;
                _savedText = text;
                if (result.NoteId is { } id)
                {
                    _noteId = id;
                    _version = result.Version;
                    _isDraft = result.IsDraft;
                    _savedAt = result.SavedAt;
                    _updatedAt = result.SavedAt;
                    await OnChanged.InvokeAsync(Current(text));
                }

                if (finish && render)
                {
                    Snackbar.Add(T["Snack_Finished"], Severity.Success);
                }
            }
            else if (result.Conflict)
            {
                _conflict = result.Current;
                _error = result.Error;
            }
            else
            {
                _error = result.Error;
            }
        }
        catch (UnauthorizedAccessException)
        {
            _error = T["Error_Denied"];
        }
        finally
        {
            _saving = false;
            _busy = false;
            _gate.Release();
        }
    }

    /// <summary>Overwrites the other person's text with the user's own, knowingly: the next save uses their version.</summary>
    private async Task KeepMineAsync()
    {
        if (_conflict is { } theirs)
        {
            _noteId = theirs.Id;
            _version = theirs.Version;
            _isDraft = theirs.IsDraft;
            _isFlagged = theirs.IsFlagged;
            _savedText = theirs.Text;
            _conflict = null;
            _error = null;
            await SaveAsync(finish: false);
        }
    }

    /// <summary>Drops the user's text and continues from the other person's.</summary>
    private void TakeTheirs()
    {
        if (_conflict is { } theirs)
        {
            _noteId = theirs.Id;
            _version = theirs.Version;
            _isDraft = theirs.IsDraft;
            _isFlagged = theirs.IsFlagged;
            _text = theirs.Text;
            _savedText = theirs.Text;
            _updatedAt = theirs.UpdatedAt;
            _savedAt = null;
            _conflict = null;
            _error = null;
        }
    }

    private async Task FlagAsync()
    {
        await SaveAsync(finish: false);
        if (_noteId is not { } noteId || Dirty || _conflict is not null)
        {
            return;
        }

        _busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            var result = await NoteFlagging.RunAsync(Dialogs, Snackbar, Notes, T, user, GroupId, noteId, _version);
            if (result is { Succeeded: true })
            {
                _version = result.Version;
                _isFlagged = true;
                await OnChanged.InvokeAsync(Current(_text ?? string.Empty));
            }
            else if (result is not null)
            {
                _error = result.Error;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private NoteView Current(string text) => new(
        _noteId!.Value, Kind, MembershipId, text, _isDraft, _isFlagged, false, _updatedAt ?? Time.GetUtcNow(), string.Empty, _version);

    internal static string ClockTime(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("HH:mm", CultureInfo.CurrentCulture);

    private static string When(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>
    /// When the editor goes (the page is left, or the circuit ends after a dropped connection), what the server already
    /// received but had not saved yet (less than a second of typing) is saved still.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        if (Dirty && _conflict is null)
        {
            try
            {
                await SaveCoreAsync(finish: false, render: false);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                // The app is shutting down: the last second of typing is lost, as the editor says while unsaved.
            }
        }

        _disposed = true;
        _gate.Dispose();
    }
}
