namespace Lotgenoten.Web.Features.Home;

/// <summary>How the staff home addresses someone: by the first word of their display name.</summary>
public static class StaffName
{
    public static string FirstName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return string.Empty;
        }

        var trimmed = displayName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }
}
