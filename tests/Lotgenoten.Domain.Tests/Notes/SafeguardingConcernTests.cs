using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Notes;

public class SafeguardingConcernTests
{
    private const string Coordinator = "coordinator-1";

    private static SafeguardingConcern Raise() =>
        FacilitatorNote.SessionNote(Guid.NewGuid(), Guid.NewGuid(), "cipher", "facilitator-1", Build.Now).FlagSafeguarding("facilitator-1", Build.Now);

    [Fact]
    public void Take_Open_IsInProgress()
    {
        var concern = Raise();
        var at = Build.Now.AddHours(2);

        concern.Take(Coordinator, at);

        concern.Status.ShouldBe(ConcernStatus.InProgress);
        concern.TakenBy.ShouldBe(Coordinator);
        concern.TakenAt.ShouldBe(at);
        concern.IsOpen.ShouldBeTrue();
        concern.HandledAt.ShouldBeNull();
    }

    [Fact]
    public void Take_Twice_ThrowsTransition()
    {
        var concern = Raise();
        concern.Take(Coordinator, Build.Now);

        DomainAssert.Throws(() => concern.Take("coordinator-2", Build.Now), "concern.transition");
        concern.TakenBy.ShouldBe(Coordinator);
    }

    [Fact]
    public void Handle_InProgress_RecordsWhoWhenAndWhat()
    {
        var concern = Raise();
        concern.Take(Coordinator, Build.Now.AddHours(1));
        var at = Build.Now.AddDays(1);

        concern.Handle("action-cipher", "coordinator-2", at);

        concern.Status.ShouldBe(ConcernStatus.Handled);
        concern.IsOpen.ShouldBeFalse();
        concern.ActionCiphertext.ShouldBe("action-cipher");
        concern.HandledBy.ShouldBe("coordinator-2");
        concern.HandledAt.ShouldBe(at);
        concern.TakenBy.ShouldBe(Coordinator);
        concern.TakenAt.ShouldBe(Build.Now.AddHours(1));
        concern.Version.ShouldBe(2);
    }

    [Fact]
    public void Handle_StraightFromOpen_AlsoRecordsWhoTookIt()
    {
        var concern = Raise();

        concern.Handle("action-cipher", Coordinator, Build.Now.AddHours(3));

        concern.Status.ShouldBe(ConcernStatus.Handled);
        concern.TakenBy.ShouldBe(Coordinator);
        concern.TakenAt.ShouldBe(Build.Now.AddHours(3));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Handle_WithoutAction_ThrowsActionRequired(string? action)
    {
        var concern = Raise();
        concern.Take(Coordinator, Build.Now);

        DomainAssert.Throws(() => concern.Handle(action!, Coordinator, Build.Now), "concern.action.required");

        concern.Status.ShouldBe(ConcernStatus.InProgress);
        concern.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Handle_Twice_ThrowsTransition()
    {
        var concern = Raise();
        concern.Handle("action-1", Coordinator, Build.Now);

        DomainAssert.Throws(() => concern.Handle("action-2", "coordinator-2", Build.Now.AddDays(1)), "concern.transition");
        DomainAssert.Throws(() => concern.Take("coordinator-2", Build.Now.AddDays(1)), "concern.transition");

        concern.ActionCiphertext.ShouldBe("action-1");
        concern.HandledBy.ShouldBe(Coordinator);
    }

    [Fact]
    public void Handle_WithoutActor_ThrowsAndStaysOpen()
    {
        var concern = Raise();

        DomainAssert.Throws(() => concern.Handle("action", " ", Build.Now), "concern.by.required");
        concern.Status.ShouldBe(ConcernStatus.Open);
    }
}
