namespace Lotgenoten.Domain.Common;

/// <summary>A Belgian province, Brussels, or "online only". The API uses ISO 3166-2 codes (see <see cref="RegionCodes"/>).</summary>
public enum Region
{
    Antwerp,
    Limburg,
    EastFlanders,
    FlemishBrabant,
    WestFlanders,
    Brussels,
    WalloonBrabant,
    Hainaut,
    Liege,
    Luxembourg,
    Namur,
    OnlineOnly,
}

public static class RegionCodes
{
    private static readonly (Region Region, string Code)[] Map =
    [
        (Region.Antwerp, "BE-VAN"),
        (Region.Limburg, "BE-VLI"),
        (Region.EastFlanders, "BE-VOV"),
        (Region.FlemishBrabant, "BE-VBR"),
        (Region.WestFlanders, "BE-VWV"),
        (Region.Brussels, "BE-BRU"),
        (Region.WalloonBrabant, "BE-WBR"),
        (Region.Hainaut, "BE-WHT"),
        (Region.Liege, "BE-WLG"),
        (Region.Luxembourg, "BE-WLX"),
        (Region.Namur, "BE-WNA"),
        (Region.OnlineOnly, "online"),
    ];

    /// <summary>All codes the API accepts, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = Map.Select(m => m.Code).ToArray();

    public static string ToCode(this Region region) =>
        Map.First(m => m.Region == region).Code;

    public static bool TryParse(string? code, out Region region)
    {
        foreach (var (r, c) in Map)
        {
            if (string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                region = r;
                return true;
            }
        }

        region = default;
        return false;
    }
}
