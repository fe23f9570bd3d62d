using System.Globalization;
using Lotgenoten.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Notes;

/// <summary>
/// The notes of one meeting (embedded by the meeting page): what <see cref="NoteService"/> lets the user see, loaded
/// once per meeting (each note shown is one audited read), then kept current from the editors' own saves.
/// </summary>
public sealed partial class MeetingNotes
{
    private MeetingNotesView? _view;
    private List<MemberNotesView> _members = [];
    private bool _denied;
    private Guid? _adding;
    private int _addCounter;
    private Guid? _addingNoteId;
    private Guid? _editing;
    private (Guid Group, Guid Meeting)? _loaded;
    private string _userName = string.Empty;

    /// <summary>The group the meeting belongs to.</summary>
    [Parameter, EditorRequired]
    public Guid GroupId { get; set; }

    /// <summary>The meeting.</summary>
    [Parameter, EditorRequired]
    public Guid MeetingId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private NoteService Notes { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (GroupId, MeetingId))
        {
            return;
        }

        _loaded = (GroupId, MeetingId);
        _view = null;
        _denied = false;
        try
        {
            var user = (await AuthenticationState).User;
            _userName = user.FindFirst(Account.AuthSchemes.StaffClaims.Name)?.Value ?? string.Empty;
            _view = await Notes.GetMeetingNotesAsync(user, GroupId, MeetingId, CancellationToken.None);
            _members = [.. _view.Members];
        }
        catch (UnauthorizedAccessException)
        {
            _denied = true;
        }
    }

    private void SessionChanged(NoteView note)
    {
        if (_view is not null)
        {
            _view = _view with { SessionNote = note with { AuthorName = _view.SessionNote?.AuthorName ?? _userName } };
        }
    }

    private void StartAdding(Guid membershipId)
    {
        _adding = membershipId;
        _addingNoteId = null;
        _addCounter++;
    }

    private void StopAdding()
    {
        _adding = null;
        _addingNoteId = null;
    }

    /// <summary>A new or edited member note: its state replaces (or joins) the member's list, newest first.</summary>
    private void MemberNoteChanged(Guid membershipId, NoteView note)
    {
        var index = _members.FindIndex(m => m.MembershipId == membershipId);
        if (index < 0)
        {
            return;
        }

        var member = _members[index];
        var existing = member.Notes.FirstOrDefault(n => n.Id == note.Id);
        var updated = note with { AuthorName = existing?.AuthorName ?? _userName };
        var notes = member.Notes.Where(n => n.Id != note.Id).Append(updated).OrderByDescending(n => n.UpdatedAt).ToList();
        _members[index] = member with { Notes = notes };
        if (_adding == membershipId && existing is null)
        {
            // The new note has an id now; its editor stays (it saves to that id), and the list leaves it out meanwhile.
            _addingNoteId = note.Id;
        }
    }

    private async Task FlagMemberNoteAsync(Guid membershipId, NoteView note)
    {
        var user = (await AuthenticationState).User;
        var result = await NoteFlagging.RunAsync(Dialogs, Snackbar, Notes, T, user, GroupId, note.Id, note.Version);
        if (result is { Succeeded: true })
        {
            MemberNoteChanged(membershipId, note with { IsFlagged = true, Version = result.Version });
        }
    }

    private static string Initial(string pseudonym) =>
        string.IsNullOrEmpty(pseudonym) ? "?" : char.ToUpper(pseudonym[0], CultureInfo.CurrentCulture).ToString();

    private static string When(DateTimeOffset instant) =>
        BrusselsTime.ToLocal(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);
}
