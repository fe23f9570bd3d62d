using System.Security.Claims;
using Lotgenoten.Infrastructure.Demo;
using MudBlazor;

namespace Lotgenoten.Web.Components.Layout;

/// <summary>One entry of the navigation.</summary>
/// <param name="Href">Where it leads.</param>
/// <param name="TextKey">Its text in <see cref="ShellTexts"/>.</param>
/// <param name="Icon">A MudBlazor icon.</param>
/// <param name="Roles">The roles that may use it; a user sees the item when they have any of them.</param>
/// <param name="AlsoActiveOn">Other paths on which the item shows as the current one.</param>
/// <param name="Exact">Only its own path makes it current (not the pages below it, which have items of their own).</param>
/// <param name="Badge">A component shown after the text (e.g. a count); it decides itself what it shows to whom.</param>
public sealed record NavItem(string Href, string TextKey, string Icon, IReadOnlyList<string> Roles, IReadOnlyList<string>? AlsoActiveOn = null, bool Exact = false, Type? Badge = null)
{
    /// <summary>Whether <paramref name="path"/> (e.g. "/overzicht") is this item's page.</summary>
    public bool IsActiveOn(string path) =>
        string.Equals(path, Href, StringComparison.OrdinalIgnoreCase)
        || (!Exact && path.StartsWith(Href + "/", StringComparison.OrdinalIgnoreCase))
        || (AlsoActiveOn?.Contains(path, StringComparer.OrdinalIgnoreCase) ?? false);
}

/// <summary>
/// The navigation, as one table of items × roles. A later issue adds its pages here; the page itself still carries its
/// own <c>[Authorize]</c> (this table only decides what is shown, never what is allowed).
/// </summary>
public static class NavItems
{
    private static readonly string[] AnyStaff = [.. AppRoles.Staff];

    public static readonly IReadOnlyList<NavItem> All =
    [
        new("/overzicht", "Nav_Overview", Icons.Material.Outlined.SpaceDashboard, AnyStaff, AlsoActiveOn: ["/"]),
        new("/doorverwijzen", "Nav_NewReferral", Icons.Material.Outlined.PersonAddAlt, [AppRoles.Counsellor, AppRoles.Coordinator]),
        new("/doorverwijzingen", "Nav_MyReferrals", Icons.Material.Outlined.ListAlt, [AppRoles.Counsellor]),
        new("/wachtlijst", "Nav_WaitingList", Icons.Material.Outlined.HourglassTop, [AppRoles.Coordinator]),
        new("/groepen", "Nav_Groups", Icons.Material.Outlined.Groups, [AppRoles.Coordinator, AppRoles.Facilitator]),
        new("/mijn", "Nav_ParticipantHome", Icons.Material.Outlined.Home, [AppRoles.Participant], Exact: true),
        new("/mijn/voorkeuren", "Nav_Preferences", Icons.Material.Outlined.Tune, [AppRoles.Participant]),
        new("/mijn/hulp", "Nav_Help", Icons.Material.Outlined.SupportAgent, [AppRoles.Participant]),
        new("/mijn/account", "Nav_MyAccount", Icons.Material.Outlined.ManageAccounts, [AppRoles.Participant]),
        new("/berichten", "Nav_Outbox", Icons.Material.Outlined.MarkEmailUnread, [AppRoles.Coordinator]),
        new("/agenda", "Nav_Calendar", Icons.Material.Outlined.CalendarMonth, [AppRoles.Facilitator]),
        new("/opvolging", "Nav_FollowUp", Icons.Material.Outlined.Flag, [AppRoles.Coordinator, AppRoles.Facilitator]),
        new("/zorgmeldingen", "Nav_Concerns", Icons.Material.Outlined.ReportProblem, [AppRoles.Coordinator], Badge: typeof(Features.Safeguarding.ConcernBadge)),
        new("/auditlog", "Nav_AuditLog", Icons.Material.Outlined.Policy, [AppRoles.Coordinator]),
        new("/dashboard", "Nav_Dashboard", Icons.Material.Outlined.Insights, [AppRoles.Coordinator, AppRoles.Facilitator]),
        new("/cijfers", "Nav_Figures", Icons.Material.Outlined.Assessment, [AppRoles.Coordinator]),
    ];

    /// <summary>The items <paramref name="user"/> may see, in table order.</summary>
    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        return [.. All.Where(item => item.Roles.Any(user.IsInRole))];
    }
}
