using Lotgenoten.EndToEnd.Tests.Infrastructure;

namespace Lotgenoten.EndToEnd.Tests.Security;

/// <summary>
/// The log check itself (<see cref="LogSecrets"/>): it reads what the real app logged, finds a registered value and any
/// e-mail address, whole words only, also percent-encoded, and names the leak with the value masked.
/// </summary>
public sealed class LogLeakCheckTests(AppFixture app) : BrowserTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_PseudonymInARequestAddress_FailsWithTheLineMasked()
    {
        // A pseudonym that a (hypothetical) faulty link put in an address: the app's request log writes the address.
        var pseudonym = LogSecrets.Register("Kraanvogel " + Guid.NewGuid().ToString("N")[..6], "pseudonym");
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        using var _ = await http.GetAsync(new Uri("/tot-ziens?naam=" + Uri.EscapeDataString(pseudonym), UriKind.Relative), Ct);

        var leaks = await WaitForLeaksAsync();

        var leak = leaks.ShouldHaveSingleItem();
        leak.ShouldContain("a pseudonym (registered by ");
        leak.ShouldContain("/tot-ziens?naam=[pseudonym]");
        leak.ShouldNotContain(pseudonym, Case.Insensitive);
        leak.ShouldNotContain(pseudonym.Split(' ')[1], Case.Insensitive);
    }

    [Fact]
    public async Task Check_EmailAddressInARequestAddress_Fails()
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        using var _ = await http.GetAsync(new Uri("/tot-ziens?adres=iemand%40example.org", UriKind.Relative), Ct);

        var leak = (await WaitForLeaksAsync()).ShouldHaveSingleItem();

        leak.ShouldContain("an e-mail address: ");
        leak.ShouldContain("/tot-ziens?adres=[e-mail address]");
        leak.ShouldNotContain("iemand");
    }

    [Fact]
    public void Find_PartOfAWordOrAnUnregisteredValue_IsNoLeak()
    {
        LogSecrets.Register("Mees", "pseudonym");

        LogSecrets.FindLeaks("info: Lotgenoten.Web.Requests[1310] HTTP GET /mijn answered 200 (Meester, Registermees, mees-)\n")
            .Select(l => l.Value).ShouldBe(["Mees"], "\"mees-\" is the word followed by a dash, the others are longer words");
        LogSecrets.FindLeaks("x\ny\ninfo: the member Mees answered\n").Select(l => l.Message).ShouldBe(
            ["line 3: a pseudonym (registered by " + TestContext.Current.Test!.TestDisplayName + "): info: the member [pseudonym] answered"]);
        LogSecrets.FindLeaks("info: nothing personal here\n").ShouldBeEmpty();
    }

    [Fact]
    public void Registry_HoldsTheDemoDataSecrets()
    {
        var leaks = LogSecrets.FindLeaks("info: Zonnebloem logged in with zonnige-dinsdag-2026 at /calendar/demo-begeleider.ics\n");

        leaks.Select(l => l.Value.ToLowerInvariant()).Order(StringComparer.Ordinal).ShouldBe(["demo-begeleider", "zonnebloem", "zonnige-dinsdag-2026"]);
        leaks[0].Message.ShouldEndWith(
            "info: [demo participant's login] logged in with [demo participant's passphrase] at /calendar/[demo feed token].ics");
        LogSecrets.Count.ShouldBeGreaterThan(20, "the demo data's pseudonyms are registered too");
    }

    /// <summary>The new leaks, once the app's request line reached the log file (it is written a moment after the answer).</summary>
    private async Task<IReadOnlyList<string>> WaitForLeaksAsync()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var leaks = LogSecrets.FindNewLeaks(File.ReadAllText(App.AppLogPath));
            if (leaks.Count > 0)
            {
                return leaks;
            }

            await Task.Delay(200, Ct);
        }

        return [];
    }
}
