using MudBlazor;

namespace Lotgenoten.Web.Components.Layout;

/// <summary>
/// The portal's look: calm teal and warm neutrals, colours that pass WCAG AA contrast on white (MudBlazor's default
/// error red does not), and the system font stack, so that no font is fetched from anywhere.
/// </summary>
public static class LotgenotenTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Noto Sans", "Liberation Sans", "Arial", "sans-serif"];

    public static MudTheme Create()
    {
        var theme = new MudTheme
        {
            PaletteLight = new PaletteLight
            {
                Primary = "#2c6a6e",
                PrimaryDarken = "#1f4f52",
                PrimaryLighten = "#e3efef",
                Secondary = "#5a5a8c",
                Tertiary = "#7a5c3e",
                Info = "#1f5f99",
                Success = "#1b5e20", // passes 4.5:1 also in the snackbar, whose background MudBlazor renders slightly translucent
                Warning = "#8a5300",
                Error = "#c62828",
                Dark = "#263238",
                Background = "#f6f5f1",
                BackgroundGray = "#eeece6",
                Surface = "#ffffff",
                AppbarBackground = "#ffffff",
                AppbarText = "#1f2a30",
                DrawerBackground = "#ffffff",
                DrawerText = "#2b383f",
                DrawerIcon = "#2c6a6e",
                TextPrimary = "#1f2a30",
                TextSecondary = "#4b5a62",
                ActionDefault = "#4b5a62",
                LinesDefault = "#dedbd2",
                Divider = "#e4e1d9",
                TableLines = "#e4e1d9",
            },
            LayoutProperties = new LayoutProperties
            {
                DefaultBorderRadius = "10px",
                AppbarHeight = "64px",
                DrawerWidthLeft = "248px",
            },
        };

        var typography = theme.Typography;
        BaseTypography[] levels =
        [
            typography.Default, typography.H1, typography.H2, typography.H3, typography.H4, typography.H5, typography.H6,
            typography.Subtitle1, typography.Subtitle2, typography.Body1, typography.Body2, typography.Button,
            typography.Caption, typography.Overline,
        ];
        foreach (var level in levels)
        {
            level.FontFamily = SystemFonts;
        }

        typography.H4.FontWeight = "600";
        typography.H4.LetterSpacing = "-0.01em";
        typography.H5.FontWeight = "600";
        typography.H6.FontWeight = "600";
        typography.Button.TextTransform = "none";
        typography.Button.FontWeight = "600";

        return theme;
    }
}
