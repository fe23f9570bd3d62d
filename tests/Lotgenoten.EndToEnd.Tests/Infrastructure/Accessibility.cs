using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>Runs axe-core on a page and fails on any serious or critical violation.</summary>
public static class Accessibility
{
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <summary>
    /// Runs axe-core with its default rules (WCAG 2.x A/AA and best practices) on the page as it is now; throws with a
    /// readable list of every violation whose impact is serious or critical (minor and moderate ones do not fail).
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var failing = result.Violations
            .Where(violation => FailingImpacts.Contains(violation.Impact, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (failing.Count == 0)
        {
            return;
        }

        throw new AccessibilityException(Describe(page.Url, failing));
    }

    /// <summary>
    /// Runs axe-core with its default rules and throws on ANY violation, whatever its impact: the bar for the pages
    /// relatives use.
    /// </summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        if (result.Violations.Length > 0)
        {
            throw new AccessibilityException(Describe(page.Url, result.Violations));
        }
    }

    private static string Describe(string url, IReadOnlyList<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        text.AppendLine($"axe found {violations.Count} serious or critical violation(s) on {url}:");
        foreach (var violation in violations)
        {
            text.AppendLine();
            text.AppendLine($"[{violation.Impact}] {violation.Id}: {violation.Help}");
            text.AppendLine($"  {violation.HelpUrl}");
            foreach (var node in violation.Nodes.Take(10))
            {
                text.AppendLine($"  - at {node.Target}");
                text.AppendLine($"    {Shorten(node.Html)}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(check => check.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
                {
                    text.AppendLine($"    {message}");
                }
            }

            if (violation.Nodes.Length > 10)
            {
                text.AppendLine($"  … and {violation.Nodes.Length - 10} more element(s)");
            }
        }

        return text.ToString();
    }

    private static string Shorten(string? html) =>
        html is null ? string.Empty : html.Length <= 200 ? html : string.Concat(html.AsSpan(0, 200), "…");
}

/// <summary>Thrown when axe finds serious or critical violations.</summary>
public sealed class AccessibilityException(string message) : Exception(message);
