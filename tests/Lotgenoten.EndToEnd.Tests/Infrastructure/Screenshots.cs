using System.Text;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>Writes PNG screenshots under <c>test-output/screenshots/</c>, for people to look at.</summary>
public static class Screenshots
{
    /// <summary>
    /// Writes <c>test-output/screenshots/&lt;name&gt;.png</c> and returns its path: the viewport (e.g. 1280×800), or the
    /// whole scrollable page with <paramref name="fullPage"/>.
    /// </summary>
    public static async Task<string> TakeAsync(IPage page, string name, bool fullPage = false)
    {
        var path = Path.Combine(TestPaths.Screenshots, SafeName(name) + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Type = ScreenshotType.Png });
        return path;
    }

    /// <summary>
    /// A file name made of letters, digits, <c>-</c>, <c>_</c> and <c>.</c> only; every run of other characters becomes
    /// one <c>_</c>.
    /// </summary>
    public static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            if (char.IsAsciiLetterOrDigit(character) || character is '-' or '.')
            {
                builder.Append(character);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var safe = builder.ToString().TrimEnd('_');
        return safe.Length > 160 ? safe[..160] : safe;
    }
}
