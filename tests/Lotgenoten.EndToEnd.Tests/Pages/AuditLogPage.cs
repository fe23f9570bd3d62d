using Lotgenoten.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lotgenoten.EndToEnd.Tests.Pages;

/// <summary>The coordinators' audit log at <c>/auditlog</c>.</summary>
public sealed class AuditLogPage(IPage page)
{
    public const string Path = "/auditlog";

    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Grid => Page.GetByTestId("audit-grid");

    /// <summary>The grid's data rows (not the header, not the "no events" row).</summary>
    public ILocator Rows => Grid.Locator("tbody tr.mud-table-row");

    /// <summary>Opens the log (a full page load) and waits until it is interactive and its rows are there.</summary>
    public async Task<AuditLogPage> OpenAsync()
    {
        await Page.GotoAsync(Path);
        await Page.WaitForBlazorAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync("Auditlog", new() { Timeout = 15_000 });
        await Assertions.Expect(Page.Locator("header[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(Rows.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return this;
    }

    /// <summary>Picks one kind in the "Soort" filter (a multi-select) and closes the list.</summary>
    public async Task FilterByKindAsync(string kind)
    {
        await Page.GetByTestId("audit-kinds").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = kind, Exact = true }).ClickAsync();
        await Heading.ClickAsync(new() { Force = true }); // a click outside closes the list (the overlay takes it)
        await Assertions.Expect(Page.GetByRole(AriaRole.Option, new() { Name = kind, Exact = true })).ToHaveCountAsync(0);
    }
}
