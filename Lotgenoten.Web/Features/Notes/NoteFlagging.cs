using System.Security.Claims;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lotgenoten.Web.Features.Notes;

/// <summary>
/// Flagging a note as a safeguarding concern from the UI: a confirmation dialog that explains what happens, then the
/// flag itself (<see cref="NoteService.FlagAsync"/>) and a snackbar. Shared by the editor and the member-note list.
/// </summary>
public static class NoteFlagging
{
    /// <summary>Null when the user cancelled; else the service's outcome (a success has already been announced).</summary>
    public static async Task<FlagResult?> RunAsync(
        IDialogService dialogs, ISnackbar snackbar, NoteService notes, IStringLocalizer<NoteTexts> texts,
        ClaimsPrincipal user, Guid groupId, Guid noteId, int version)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(snackbar);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(texts);
        var dialog = await dialogs.ShowAsync<FlagConcernDialog>(
            texts["Flag_Title"], new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false })
        {
            return null;
        }

        try
        {
            var result = await notes.FlagAsync(user, groupId, noteId, version, CancellationToken.None);
            if (result.Succeeded)
            {
                snackbar.Add(texts["Snack_Flagged"], Severity.Success);
            }
            else
            {
                snackbar.Add(result.Error ?? texts["Error_Generic"], Severity.Error);
            }

            return result;
        }
        catch (UnauthorizedAccessException)
        {
            snackbar.Add(texts["Error_Denied"], Severity.Error);
            return FlagResult.Failed(texts["Error_Denied"]);
        }
    }
}
