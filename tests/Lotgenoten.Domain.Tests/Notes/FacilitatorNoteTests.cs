using Lotgenoten.Domain.Notes;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Notes;

public class FacilitatorNoteTests
{
    private const string Author = "facilitator-1";
    private static readonly Guid GroupId = Guid.NewGuid();
    private static readonly Guid MeetingId = Guid.NewGuid();

    private static FacilitatorNote Session() => FacilitatorNote.SessionNote(GroupId, MeetingId, "cipher-1", Author, Build.Now);

    [Fact]
    public void SessionNote_New_IsDraftAboutTheMeeting()
    {
        var note = Session();

        note.Kind.ShouldBe(NoteKind.Session);
        note.GroupId.ShouldBe(GroupId);
        note.MeetingId.ShouldBe(MeetingId);
        note.MembershipId.ShouldBeNull();
        note.TextCiphertext.ShouldBe("cipher-1");
        note.IsDraft.ShouldBeTrue();
        note.AuthorId.ShouldBe(Author);
        note.CreatedAt.ShouldBe(Build.Now);
        note.UpdatedAt.ShouldBe(Build.Now);
        note.IsSafeguardingConcern.ShouldBeFalse();
        note.Version.ShouldBe(0);
    }

    [Fact]
    public void MemberNote_New_IsAboutTheMember()
    {
        var membershipId = Guid.NewGuid();

        var note = FacilitatorNote.MemberNote(GroupId, membershipId, null, "cipher", Author, Build.Now);

        note.Kind.ShouldBe(NoteKind.Member);
        note.MembershipId.ShouldBe(membershipId);
        note.MeetingId.ShouldBeNull();
    }

    [Fact]
    public void Create_EmptyOrTooLongCiphertext_ThrowsTextInvalid()
    {
        DomainAssert.Throws(() => FacilitatorNote.SessionNote(GroupId, MeetingId, "", Author, Build.Now), "note.text.invalid");
        DomainAssert.Throws(
            () => FacilitatorNote.SessionNote(GroupId, MeetingId, new string('c', FacilitatorNote.CiphertextMaxLength + 1), Author, Build.Now),
            "note.text.invalid");
        FacilitatorNote.SessionNote(GroupId, MeetingId, new string('c', FacilitatorNote.CiphertextMaxLength), Author, Build.Now)
            .TextCiphertext!.Length.ShouldBe(FacilitatorNote.CiphertextMaxLength);
    }

    [Fact]
    public void Create_WithoutAuthor_ThrowsAuthorRequired()
    {
        DomainAssert.Throws(() => FacilitatorNote.SessionNote(GroupId, MeetingId, "cipher", " ", Build.Now), "note.author.required");
    }

    [Fact]
    public void Update_CurrentVersion_SavesDraft()
    {
        var note = Session();
        var later = Build.Now.AddMinutes(2);

        note.Update("cipher-2", expectedVersion: 0, later);

        note.TextCiphertext.ShouldBe("cipher-2");
        note.UpdatedAt.ShouldBe(later);
        note.Version.ShouldBe(1);
        note.IsDraft.ShouldBeTrue();
    }

    [Fact]
    public void Update_StaleVersion_ThrowsConflictAndKeepsText()
    {
        var note = Session();
        note.Update("cipher-2", 0, Build.Now);

        DomainAssert.Throws(() => note.Update("cipher-3", 0, Build.Now), "note.conflict");

        note.TextCiphertext.ShouldBe("cipher-2");
        note.Version.ShouldBe(1);
    }

    [Fact]
    public void Update_EmptyCiphertext_ThrowsAndKeepsVersion()
    {
        var note = Session();

        DomainAssert.Throws(() => note.Update("", 0, Build.Now), "note.text.invalid");
        note.Version.ShouldBe(0);
    }

    [Fact]
    public void Finish_Draft_IsNoLongerDraft()
    {
        var note = Session();

        note.Finish(Build.Now.AddMinutes(10));

        note.IsDraft.ShouldBeFalse();
        note.UpdatedAt.ShouldBe(Build.Now.AddMinutes(10));
        note.Version.ShouldBe(1);
    }

    [Fact]
    public void FlagSafeguarding_Note_RaisesOneOpenConcern()
    {
        var note = Session();
        var now = Build.Now.AddHours(1);

        var concern = note.FlagSafeguarding(Author, now);

        note.IsSafeguardingConcern.ShouldBeTrue();
        concern.NoteId.ShouldBe(note.Id);
        concern.GroupId.ShouldBe(GroupId);
        concern.RaisedBy.ShouldBe(Author);
        concern.RaisedAt.ShouldBe(now);
        concern.Status.ShouldBe(ConcernStatus.Open);
        concern.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void FlagSafeguarding_Twice_ThrowsDuplicate()
    {
        var note = Session();
        note.FlagSafeguarding(Author, Build.Now);

        DomainAssert.Throws(() => note.FlagSafeguarding("facilitator-2", Build.Now), "note.concern.duplicate");
    }

    [Fact]
    public void FlagSafeguarding_WithoutActor_ThrowsAndLeavesNoteUnflagged()
    {
        var note = Session();

        DomainAssert.Throws(() => note.FlagSafeguarding(" ", Build.Now), "concern.by.required");

        note.IsSafeguardingConcern.ShouldBeFalse();
        note.Version.ShouldBe(0);
        note.FlagSafeguarding(Author, Build.Now).Status.ShouldBe(ConcernStatus.Open);
    }

    [Fact]
    public void Erase_Note_RemovesTextKeepsRow()
    {
        var note = Session();
        var at = Build.Now.AddMonths(13);

        note.Erase(at).ShouldBeTrue();

        note.TextCiphertext.ShouldBeNull();
        note.ErasedAt.ShouldBe(at);
        note.Id.ShouldNotBe(Guid.Empty);
        note.AuthorId.ShouldBe(Author);
    }

    [Fact]
    public void Erase_Twice_SecondIsNoOp()
    {
        var note = Session();
        note.Erase(Build.Now.AddDays(1));
        var version = note.Version;

        note.Erase(Build.Now.AddDays(2)).ShouldBeFalse();

        note.ErasedAt.ShouldBe(Build.Now.AddDays(1));
        note.Version.ShouldBe(version);
    }

    [Fact]
    public void ErasedNote_UpdateFinishOrFlag_ThrowsErased()
    {
        var note = Session();
        note.Erase(Build.Now);

        DomainAssert.Throws(() => note.Update("cipher", note.Version, Build.Now), "note.erased");
        DomainAssert.Throws(() => note.Finish(Build.Now), "note.erased");
        DomainAssert.Throws(() => note.FlagSafeguarding(Author, Build.Now), "note.erased");
        note.TextCiphertext.ShouldBeNull();
    }
}
