using System.Globalization;
using Bunit;
using Lotgenoten.Domain.Attendance;
using Lotgenoten.Web.Features.Attendance;
using Lotgenoten.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace Lotgenoten.Web.Tests.Features.Attendance;

/// <summary>One member in the register: the four buttons say which is pressed, a tap reports itself, a conflict offers both values.</summary>
public sealed class RegisterRowCardTests : MudBunitContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 20, 5, 0, TimeSpan.Zero);

    public RegisterRowCardTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("nl-BE");
        CultureInfo.CurrentCulture = new CultureInfo("nl-BE");
    }

    [Fact]
    public void Render_RecordedStatus_PressesThatButtonOnlyAndTellsWhoRecordedIt()
    {
        var row = new RegisterRow(Guid.NewGuid(), "Anna", RsvpAnswer.Coming, "Ik kom wat later.", AttendanceStatus.Late, 2, "Sarah Begeleider", At);

        var card = Render<RegisterRowCard>(p => p.Add(c => c.Row, row).Add(c => c.CanRecord, true));

        Pressed(card).ShouldBe(["false", "true", "false", "false"]);
        card.Find("[data-testid=register-answer]").TextContent.Trim().ShouldBe("Komt");
        card.Find(".lg-register-message").TextContent.ShouldBe("“Ik kom wat later.”");
        card.Find(".lg-register-state").TextContent.Trim().ShouldBe("Sarah Begeleider · 24 november 2026 om 21:05");
        card.Find("li").GetAttribute("aria-label").ShouldBe("Anna: Te laat");
    }

    [Fact]
    public async Task Tap_AnotherStatus_ReportsRowAndStatus()
    {
        var row = new RegisterRow(Guid.NewGuid(), "Anna", null, null, null, 0, null, null);
        (RegisterRow Row, AttendanceStatus Status)? tapped = null;

        var card = Render<RegisterRowCard>(p => p
            .Add(c => c.Row, row)
            .Add(c => c.CanRecord, true)
            .Add(c => c.OnMark, EventCallback.Factory.Create<(RegisterRow, AttendanceStatus)>(this, t => tapped = t)));
        await card.Find("[data-testid=mark-Absent]").ClickAsync(new());

        tapped.ShouldBe((row, AttendanceStatus.Absent));
        Pressed(card).ShouldBe(["false", "false", "false", "false"]);
    }

    [Fact]
    public void Render_CantComeWithoutRecord_ShowsExcusedAsSuggested()
    {
        var row = new RegisterRow(Guid.NewGuid(), "Bram", RsvpAnswer.CantCome, "Ziek.", null, 0, null, null);

        var card = Render<RegisterRowCard>(p => p.Add(c => c.Row, row).Add(c => c.CanRecord, true));

        Pressed(card).ShouldBe(["false", "false", "true", "false"]);
        card.Find(".lg-register-state").TextContent.Trim().ShouldBe("Voorgesteld: afgemeld vóór de bijeenkomst");
    }

    [Fact]
    public async Task Conflict_OffersMineAndTheirs()
    {
        var row = new RegisterRow(Guid.NewGuid(), "Cato", null, null, AttendanceStatus.Present, 1, "Pieter Begeleider", At);
        var theirs = row with { Status = AttendanceStatus.Absent, Version = 2, RecordedBy = "Sarah Begeleider" };
        var conflict = AttendanceResult.Conflicted("Sarah Begeleider zette dit intussen op Afwezig. Er is niets overschreven.", theirs);
        var mine = 0;

        var card = Render<RegisterRowCard>(p => p
            .Add(c => c.Row, theirs)
            .Add(c => c.CanRecord, true)
            .Add(c => c.Conflict, conflict)
            .Add(c => c.Wanted, AttendanceStatus.Late)
            .Add(c => c.OnUseMine, EventCallback.Factory.Create(this, () => mine++)));

        card.Find("[data-testid=register-conflict]").TextContent.ShouldContain("Sarah Begeleider zette dit intussen op Afwezig.");
        card.Find("[data-testid=conflict-use-mine]").TextContent.Trim().ShouldBe("Toch Te laat");
        card.Find("[data-testid=conflict-keep-theirs]").TextContent.Trim().ShouldBe("Afwezig behouden");
        await card.Find("[data-testid=conflict-use-mine]").ClickAsync(new());
        mine.ShouldBe(1);
    }

    [Fact]
    public void Render_ErasedMemberOrReadOnly_ButtonsDisabled()
    {
        var erased = new RegisterRow(null, null, null, null, AttendanceStatus.Present, 1, "Pieter Begeleider", At);

        var card = Render<RegisterRowCard>(p => p.Add(c => c.Row, erased).Add(c => c.CanRecord, true));
        var readOnly = Render<RegisterRowCard>(p => p.Add(c => c.Row, erased with { MembershipId = Guid.NewGuid(), Pseudonym = "Dirk" }).Add(c => c.CanRecord, false));

        card.Find("h3").TextContent.Trim().ShouldBe("Gewist lid");
        card.FindAll("button").ShouldAllBe(b => b.HasAttribute("disabled"));
        readOnly.FindAll("button").ShouldAllBe(b => b.HasAttribute("disabled"));
    }

    private static List<string?> Pressed(IRenderedComponent<RegisterRowCard> card) =>
        card.FindAll(".lg-register-buttons button").Select(b => b.GetAttribute("aria-pressed")).ToList();
}
