using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lotgenoten.Web.Features.Participants;

/// <summary>
/// The participant's home ("Mijn pagina"): the next meeting with its place, the meetings after it without, an answer for
/// each, calendar downloads and the private feed link. Only the caller's own meetings and answers are read.
/// </summary>
public sealed partial class ParticipantHome
{
    private ParticipantHomeView? _view;
    private ParticipantMeeting? _next;
    private string _name = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ParticipantHomeService Home { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        _view = await Home.GetAsync(user, CancellationToken.None);
        _next = _view.Upcoming.FirstOrDefault();
        // Greet by the pseudonym the group knows them by; the login name only when there is none (yet).
        _name = _view.Pseudonym ?? user.Identity?.Name ?? string.Empty;
    }
}
