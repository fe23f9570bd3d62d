using System.Net;
using Lotgenoten.EndToEnd.Tests.Infrastructure;

namespace Lotgenoten.EndToEnd.Tests;

/// <summary>The harness itself: the app runs, answers /health, and a page renders in Chromium.</summary>
public sealed class HarnessTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Health_AppStarted_AnswersHealthy()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };

        using var response = await http.GetAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Browser_OpensApp_RendersPageAndWritesScreenshot()
    {
        var page = await NewPageAsync();

        var response = await page.GotoAsync("/");
        await page.WaitForBlazorAsync();
        var path = await Screenshots.TakeAsync(page, "harness-start");

        response.ShouldNotBeNull();
        response.Status.ShouldBeLessThan(500);
        (await page.TitleAsync()).ShouldNotBeNullOrWhiteSpace();
        new FileInfo(path).Length.ShouldBeGreaterThan(1_000);
    }

    [Fact]
    public async Task Accessibility_PageWithSeriousViolations_FailsWithReadableList()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync(
            """
            <!doctype html><html lang="en"><head><title>Bad page</title></head>
            <body><main><h1>Bad page</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <p style="color:#f44336;background:#fff">Error red on white</p>
            </main></body></html>
            """);

        var exception = await Should.ThrowAsync<AccessibilityException>(() => Accessibility.AssertNoSeriousViolationsAsync(page));

        exception.Message.ShouldContain("[critical] image-alt");
        exception.Message.ShouldContain("[serious] color-contrast");
        exception.Message.ShouldContain("<img");
    }
}
