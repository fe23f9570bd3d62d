using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Referrals;

public class ReferralTests
{
    private const string Other = "staff-0002";

    /// <summary>The lifecycle of DOMAIN.md, written out independently of the code's table.</summary>
    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Lifecycle = new()
    {
        [ReferralStatus.Received] = [ReferralStatus.IntakePlanned, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.IntakePlanned] = [ReferralStatus.IntakePlanned, ReferralStatus.IntakeDone, ReferralStatus.Declined, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.IntakeDone] = [ReferralStatus.Waiting, ReferralStatus.Declined, ReferralStatus.Withdrawn],
        [ReferralStatus.Waiting] = [ReferralStatus.Invited, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.Invited] = [ReferralStatus.Joined, ReferralStatus.Waiting, ReferralStatus.Withdrawn, ReferralStatus.Unreachable],
        [ReferralStatus.Joined] = [ReferralStatus.Active, ReferralStatus.Withdrawn],
        [ReferralStatus.Active] = [ReferralStatus.Completed, ReferralStatus.Withdrawn],
        [ReferralStatus.Completed] = [],
        [ReferralStatus.Declined] = [],
        [ReferralStatus.Withdrawn] = [],
        [ReferralStatus.Unreachable] = [],
    };

    private static readonly ReferralStatus[] Final =
        [ReferralStatus.Completed, ReferralStatus.Declined, ReferralStatus.Withdrawn, ReferralStatus.Unreachable];

    public static TheoryData<ReferralStatus, ReferralStatus> AllowedMoves()
    {
        var data = new TheoryData<ReferralStatus, ReferralStatus>();
        foreach (var (from, targets) in Lifecycle)
        {
            foreach (var to in targets)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<ReferralStatus, ReferralStatus> DisallowedMoves()
    {
        var data = new TheoryData<ReferralStatus, ReferralStatus>();
        foreach (var from in Enum.GetValues<ReferralStatus>())
        {
            foreach (var to in Enum.GetValues<ReferralStatus>())
            {
                if (!Lifecycle[from].Contains(to))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    /// <summary>Calls the behaviour method that moves a referral to <paramref name="to"/>.</summary>
    private static void MoveTo(Referral referral, ReferralStatus to, string by, DateTimeOffset now)
    {
        var heldOn = BrusselsTime.Today(Build.Now);
        switch (to)
        {
            case ReferralStatus.IntakePlanned: referral.PlanIntake(now.AddDays(2), by, now); break;
            case ReferralStatus.IntakeDone: referral.RecordIntake(true, heldOn, by, now); break;
            case ReferralStatus.Declined: referral.RecordIntake(false, heldOn, by, now); break;
            case ReferralStatus.Waiting:
                if (referral.Status == ReferralStatus.Invited)
                {
                    referral.ReturnToWaitingList(by, now);
                }
                else
                {
                    referral.PutOnWaitingList(by, now);
                }

                break;
            case ReferralStatus.Invited: referral.MarkInvited(Guid.NewGuid(), by, now); break;
            case ReferralStatus.Joined: referral.MarkJoined(by, now); break;
            case ReferralStatus.Active: referral.MarkActive(by, now); break;
            case ReferralStatus.Completed: referral.Complete(by, now); break;
            case ReferralStatus.Withdrawn: referral.Withdraw(WithdrawalReason.PracticalReasons, by, now); break;
            case ReferralStatus.Unreachable: referral.MarkUnreachable(by, now); break;
            default: throw new InvalidOperationException($"No method moves a referral to {to}.");
        }
    }

    // ---- Registration ----

    [Fact]
    public void Register_ValidDetails_StartsReceivedWithOneHistoryEntry()
    {
        var details = Build.ReferralDetails(remark: "  Belt back on Tuesday.\r\nPrefers evenings. ");

        var referral = Referral.Register(details, Build.Actor, Build.Now);

        referral.Status.ShouldBe(ReferralStatus.Received);
        referral.ReceivedOn.ShouldBe(new DateOnly(2025, 12, 15));
        referral.Relation.ShouldBe(Relation.Partner);
        referral.Concern.ShouldBe(Concern.AbuseImages);
        referral.ConsentGiven.ShouldBeTrue();
        referral.PrivacyNoticeVersion.ShouldBe("2026-01");
        referral.ConsentRecordedAt.ShouldBe(Build.Now);
        referral.RegisteredBy.ShouldBe(Build.Actor);
        referral.RegisteredAt.ShouldBe(Build.Now);
        referral.StatusChangedAt.ShouldBe(Build.Now);
        referral.CounsellorRemark.ShouldBe("Belt back on Tuesday.\r\nPrefers evenings.");
        referral.ClosedOn.ShouldBeNull();
        referral.IsClosed.ShouldBeFalse();
        referral.Version.ShouldBe(0);
        referral.Id.ShouldNotBe(Guid.Empty);
        var entry = referral.History.ShouldHaveSingleItem();
        entry.From.ShouldBeNull();
        entry.To.ShouldBe(ReferralStatus.Received);
        entry.ChangedBy.ShouldBe(Build.Actor);
        entry.ChangedAt.ShouldBe(Build.Now);
        entry.ReferralId.ShouldBe(referral.Id);
    }

    [Fact]
    public void Register_ReceivedToday_JustAfterMidnightInBrussels_IsAccepted()
    {
        // 00:30 on 1 July in Brussels; UTC still says 30 June.
        var now = new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero);

        var referral = Referral.Register(Build.ReferralDetails(new DateOnly(2026, 7, 1)), Build.Actor, now);

        referral.ReceivedOn.ShouldBe(new DateOnly(2026, 7, 1));
    }

    [Fact]
    public void Register_ReceivedTomorrowInBrussels_ThrowsFuture()
    {
        var now = new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero);

        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(new DateOnly(2026, 7, 2)), Build.Actor, now), "referral.received-on.future");
    }

    [Fact]
    public void Register_JustBeforeMidnightInBrussels_NextDayIsFuture()
    {
        // 23:30 on 30 June in Brussels (21:30 UTC).
        var now = new DateTimeOffset(2026, 6, 30, 21, 30, 0, TimeSpan.Zero);

        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(new DateOnly(2026, 7, 1)), Build.Actor, now), "referral.received-on.future");
    }

    [Fact]
    public void Register_Before2017_ThrowsTooEarly()
    {
        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(new DateOnly(2016, 12, 31)), Build.Actor, Build.Now), "referral.received-on.too-early");
        Referral.Register(Build.ReferralDetails(new DateOnly(2017, 1, 1)), Build.Actor, Build.Now).ReceivedOn.ShouldBe(Referral.EarliestReceivedOn);
    }

    [Fact]
    public void Register_WithoutConsent_ThrowsConsentRequired()
    {
        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(consent: false), Build.Actor, Build.Now), "referral.consent.required");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_WithoutNoticeVersion_ThrowsRequired(string? version)
    {
        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(noticeVersion: version), Build.Actor, Build.Now), "referral.notice-version.required");
    }

    [Fact]
    public void Register_NoticeVersionTooLong_ThrowsTooLong()
    {
        var version = new string('v', Referral.NoticeVersionMaxLength + 1);

        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(noticeVersion: version), Build.Actor, Build.Now), "referral.notice-version.too-long");
    }

    [Fact]
    public void Register_RemarkAtMaximum_IsKept()
    {
        var remark = new string('r', Referral.RemarkMaxLength);

        Referral.Register(Build.ReferralDetails(remark: remark), Build.Actor, Build.Now).CounsellorRemark.ShouldBe(remark);
    }

    [Fact]
    public void Register_RemarkTooLong_ThrowsTooLong()
    {
        var remark = new string('r', Referral.RemarkMaxLength + 1);

        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(remark: remark), Build.Actor, Build.Now), "referral.remark.too-long");
    }

    [Theory]
    [InlineData("before\0after")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001B[2J")]
    [InlineData("form\ffeed")]
    public void Register_RemarkWithControlCharacters_ThrowsControlCharacters(string remark)
    {
        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(remark: remark), Build.Actor, Build.Now), "referral.remark.control-characters");
    }

    [Fact]
    public void Register_BlankRemark_IsNull()
    {
        Referral.Register(Build.ReferralDetails(remark: " \n "), Build.Actor, Build.Now).CounsellorRemark.ShouldBeNull();
    }

    [Fact]
    public void Register_WithoutActor_ThrowsRegisteredByRequired()
    {
        DomainAssert.Throws(() => Referral.Register(Build.ReferralDetails(), " ", Build.Now), "referral.registered-by.required");
    }

    [Fact]
    public void Register_UndefinedEnumValue_ThrowsInvalid()
    {
        var details = Build.ReferralDetails() with { Channel = (ReferralChannel)99 };
        DomainAssert.Throws(() => Referral.Register(details, Build.Actor, Build.Now), "referral.channel.invalid");

        var details2 = Build.ReferralDetails() with { Concern = (Concern)99 };
        DomainAssert.Throws(() => Referral.Register(details2, Build.Actor, Build.Now), "referral.concern.invalid");
    }

    // ---- Lifecycle ----

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void MoveTo_AllowedTransition_ChangesStatusAndAddsHistory(ReferralStatus from, ReferralStatus to)
    {
        var referral = Build.ReferralIn(from);
        referral.Status.ShouldBe(from);
        var historyBefore = referral.History.Count;
        var versionBefore = referral.Version;
        // 23:30 UTC is already the next day in Brussels (UTC+1).
        var now = new DateTimeOffset(2026, 2, 10, 23, 30, 0, TimeSpan.Zero);

        MoveTo(referral, to, Other, now);

        referral.Status.ShouldBe(to);
        referral.StatusChangedAt.ShouldBe(now);
        referral.Version.ShouldBe(versionBefore + 1);
        referral.History.Count.ShouldBe(historyBefore + 1);
        var entry = referral.History[^1];
        entry.From.ShouldBe(from);
        entry.To.ShouldBe(to);
        entry.ChangedBy.ShouldBe(Other);
        entry.ChangedAt.ShouldBe(now);
        entry.ReferralId.ShouldBe(referral.Id);
        if (Final.Contains(to))
        {
            referral.IsClosed.ShouldBeTrue();
            referral.ClosedOn.ShouldBe(new DateOnly(2026, 2, 11));
            referral.NextStatuses.ShouldBeEmpty();
        }
        else
        {
            referral.IsClosed.ShouldBeFalse();
            referral.ClosedOn.ShouldBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(DisallowedMoves))]
    public void MoveTo_DisallowedTransition_ThrowsTransitionAndChangesNothing(ReferralStatus from, ReferralStatus to)
    {
        var referral = Build.ReferralIn(from);
        var historyBefore = referral.History.Count;
        var versionBefore = referral.Version;

        referral.CanMoveTo(to).ShouldBeFalse();
        referral.NextStatuses.ShouldNotContain(to);
        if (to != ReferralStatus.Received)
        {
            // No method moves a referral back to Received at all.
            DomainAssert.Throws(() => MoveTo(referral, to, Other, Build.Now.AddDays(3)), "referral.transition");
        }

        referral.Status.ShouldBe(from);
        referral.History.Count.ShouldBe(historyBefore);
        referral.Version.ShouldBe(versionBefore);
    }

    [Fact]
    public void NextStatuses_EveryStatus_MatchesTheLifecycle()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            Build.ReferralIn(status).NextStatuses.ShouldBe(Lifecycle[status], ignoreOrder: true);
        }
    }

    [Fact]
    public void FullPath_HappyPath_KeepsEveryStepInHistory()
    {
        var referral = Build.ReferralIn(ReferralStatus.Completed);

        referral.History.Select(h => h.To).ShouldBe(
        [
            ReferralStatus.Received, ReferralStatus.IntakePlanned, ReferralStatus.IntakeDone, ReferralStatus.Waiting,
            ReferralStatus.Invited, ReferralStatus.Joined, ReferralStatus.Active, ReferralStatus.Completed,
        ]);
        referral.History.Skip(1).Select(h => h.From).ShouldBe(referral.History.SkipLast(1).Select(h => (ReferralStatus?)h.To));
        referral.History.Select(h => h.ChangedAt).ShouldBeInOrder();
        referral.History.Select(h => h.Id).ShouldBeUnique();
        referral.ClosedOn.ShouldBe(BrusselsTime.Today(Build.Now));
    }

    [Fact]
    public void MoveTo_WithoutActor_ThrowsAndChangesNothing()
    {
        var referral = Build.Referral();

        DomainAssert.Throws(() => referral.MarkUnreachable("  ", Build.Now), "referral.actor.required");

        referral.Status.ShouldBe(ReferralStatus.Received);
        referral.ClosedOn.ShouldBeNull();
        referral.History.Count.ShouldBe(1);
    }

    [Fact]
    public void PlanIntake_Twice_ReschedulesAndKeepsBothInHistory()
    {
        var referral = Build.Referral();
        var first = Build.Now.AddDays(3);
        var second = Build.Now.AddDays(5);

        referral.PlanIntake(first, Build.Actor, Build.Now);
        referral.PlanIntake(second, Build.Actor, Build.Now.AddHours(1));

        referral.IntakePlannedFor.ShouldBe(second);
        referral.History.Count.ShouldBe(3);
        referral.History[^1].From.ShouldBe(ReferralStatus.IntakePlanned);
        referral.History[^1].To.ShouldBe(ReferralStatus.IntakePlanned);
    }

    [Fact]
    public void RecordIntake_HeldOnBetweenReceivedAndToday_SetsIntakeHeldOn()
    {
        var referral = Build.ReferralIn(ReferralStatus.IntakePlanned);

        referral.RecordIntake(true, referral.ReceivedOn, Build.Actor, Build.Now);

        referral.Status.ShouldBe(ReferralStatus.IntakeDone);
        referral.IntakeHeldOn.ShouldBe(referral.ReceivedOn);
    }

    [Fact]
    public void RecordIntake_Unsuitable_Declines()
    {
        var referral = Build.ReferralIn(ReferralStatus.IntakePlanned);

        referral.RecordIntake(false, BrusselsTime.Today(Build.Now), Build.Actor, Build.Now);

        referral.Status.ShouldBe(ReferralStatus.Declined);
        referral.ClosedOn.ShouldBe(new DateOnly(2026, 1, 5));
        referral.IntakeHeldOn.ShouldBe(new DateOnly(2026, 1, 5));
    }

    [Fact]
    public void RecordIntake_HeldOnInFutureOrBeforeReceived_ThrowsIntakeDate()
    {
        var referral = Build.ReferralIn(ReferralStatus.IntakePlanned);

        DomainAssert.Throws(() => referral.RecordIntake(true, new DateOnly(2026, 1, 6), Build.Actor, Build.Now), "referral.intake.date");
        DomainAssert.Throws(() => referral.RecordIntake(true, referral.ReceivedOn.AddDays(-1), Build.Actor, Build.Now), "referral.intake.date");
        referral.Status.ShouldBe(ReferralStatus.IntakePlanned);
    }

    [Fact]
    public void RecordIntake_TomorrowInUtcButTodayInBrussels_IsAccepted()
    {
        var referral = Build.ReferralIn(ReferralStatus.IntakePlanned);
        var now = new DateTimeOffset(2026, 1, 5, 23, 15, 0, TimeSpan.Zero); // 00:15 on 6 January in Brussels

        referral.RecordIntake(true, new DateOnly(2026, 1, 6), Build.Actor, now);

        referral.IntakeHeldOn.ShouldBe(new DateOnly(2026, 1, 6));
    }

    [Fact]
    public void MarkInvited_FromWaiting_SetsPlacementInBrusselsDate()
    {
        var referral = Build.ReferralIn(ReferralStatus.Waiting);
        var groupId = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);

        referral.MarkInvited(groupId, Build.Actor, now);

        referral.PlacedGroupId.ShouldBe(groupId);
        referral.PlacedOn.ShouldBe(new DateOnly(2026, 3, 2));
    }

    [Fact]
    public void ReturnToWaitingList_FromInvited_KeepsReceivedOnAndWaitingDays()
    {
        var referral = Build.ReferralIn(ReferralStatus.Invited);
        var receivedOn = referral.ReceivedOn;
        var today = new DateOnly(2026, 2, 1);
        var waitingBefore = referral.WaitingDays(today);

        referral.ReturnToWaitingList("system", Build.Now.AddDays(21), "invitation.expired");

        referral.Status.ShouldBe(ReferralStatus.Waiting);
        referral.ReceivedOn.ShouldBe(receivedOn);
        referral.WaitingDays(today).ShouldBe(waitingBefore);
        referral.WaitingDays(today).ShouldBe(48);
        referral.History[^1].Note.ShouldBe("invitation.expired");
        referral.History[^1].ChangedBy.ShouldBe("system");
        referral.CanMoveTo(ReferralStatus.Invited).ShouldBeTrue();
    }

    [Fact]
    public void ReturnToWaitingList_NoteTooLong_ThrowsAndChangesNothing()
    {
        var referral = Build.ReferralIn(ReferralStatus.Invited);
        var note = new string('n', ReferralStatusChange.NoteMaxLength + 1);

        DomainAssert.Throws(() => referral.ReturnToWaitingList(Build.Actor, Build.Now, note), "referral.note.too-long");

        referral.Status.ShouldBe(ReferralStatus.Invited);
        referral.History[^1].To.ShouldBe(ReferralStatus.Invited);
    }

    [Fact]
    public void Withdraw_WithReason_KeepsReasonAndClosesOnBrusselsDate()
    {
        var referral = Build.ReferralIn(ReferralStatus.Waiting);
        var now = new DateTimeOffset(2026, 12, 31, 23, 5, 0, TimeSpan.Zero);

        referral.Withdraw(WithdrawalReason.FoundOtherHelp, Build.Actor, now);

        referral.Status.ShouldBe(ReferralStatus.Withdrawn);
        referral.WithdrawalReason.ShouldBe(WithdrawalReason.FoundOtherHelp);
        referral.History[^1].Note.ShouldBe("FoundOtherHelp");
        referral.ClosedOn.ShouldBe(new DateOnly(2027, 1, 1));
    }

    [Fact]
    public void Withdraw_UndefinedReason_ThrowsAndChangesNothing()
    {
        var referral = Build.Referral();

        DomainAssert.Throws(() => referral.Withdraw((WithdrawalReason)42, Build.Actor, Build.Now), "referral.reason.invalid");

        referral.Status.ShouldBe(ReferralStatus.Received);
    }

    // ---- Waiting time ----

    [Theory]
    [InlineData(2025, 12, 15, 0)]
    [InlineData(2025, 12, 16, 1)]
    [InlineData(2026, 1, 5, 21)]
    [InlineData(2026, 12, 15, 365)]
    [InlineData(2025, 12, 1, 0)] // a date before received-on never gives a negative wait
    public void WaitingDays_Today_CountsDaysFromReceivedOn(int y, int m, int d, int expected)
    {
        Build.Referral().WaitingDays(new DateOnly(y, m, d)).ShouldBe(expected);
    }

    // ---- E-mail ----

    [Fact]
    public void SetEmail_CiphertextAndIndex_StoresBoth()
    {
        var referral = Build.Referral();

        referral.SetEmail("cipher", "index");

        referral.EmailCiphertext.ShouldBe("cipher");
        referral.EmailBlindIndex.ShouldBe("index");
        referral.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData("cipher", null)]
    [InlineData(null, "index")]
    public void SetEmail_OnlyOneOfBoth_ThrowsIndex(string? ciphertext, string? index)
    {
        var referral = Build.Referral();

        DomainAssert.Throws(() => referral.SetEmail(ciphertext, index), "referral.email.index");
        referral.EmailCiphertext.ShouldBeNull();
    }

    [Fact]
    public void SetEmail_TooLong_ThrowsTooLong()
    {
        var referral = Build.Referral();

        DomainAssert.Throws(() => referral.SetEmail(new string('c', Referral.EmailCiphertextMaxLength + 1), "index"), "referral.email.too-long");
        DomainAssert.Throws(() => referral.SetEmail("cipher", new string('i', Referral.BlindIndexMaxLength + 1)), "referral.email.too-long");
    }

    [Fact]
    public void SetEmail_ClosedReferral_Throws()
    {
        var referral = Build.ReferralIn(ReferralStatus.Withdrawn);

        DomainAssert.Throws(() => referral.SetEmail("cipher", "index"), "referral.closed");
        referral.EmailCiphertext.ShouldBeNull();
    }

    [Fact]
    public void EraseEmail_StoredAddress_ErasesAndFallsBackToCode()
    {
        var referral = Build.Referral();
        referral.SetEmail("cipher", "index");
        referral.ContactPreference.ShouldBe(ContactPreference.Email);
        var erasedAt = Build.Now.AddDays(30);

        referral.EraseEmail(erasedAt).ShouldBeTrue();

        referral.EmailCiphertext.ShouldBeNull();
        referral.EmailBlindIndex.ShouldBeNull();
        referral.EmailErasedAt.ShouldBe(erasedAt);
        referral.ContactPreference.ShouldBe(ContactPreference.Code);
        referral.Version.ShouldBe(2);
    }

    [Fact]
    public void EraseEmail_Twice_SecondIsNoOp()
    {
        var referral = Build.Referral();
        referral.SetEmail("cipher", "index");
        var first = Build.Now.AddDays(30);
        referral.EraseEmail(first);
        var version = referral.Version;

        referral.EraseEmail(first.AddDays(1)).ShouldBeFalse();

        referral.EmailErasedAt.ShouldBe(first);
        referral.Version.ShouldBe(version);
    }

    [Fact]
    public void EraseEmail_NothingStored_ReturnsFalse()
    {
        var referral = Referral.Register(Build.ReferralDetails(contact: ContactPreference.Code), Build.Actor, Build.Now);

        referral.EraseEmail(Build.Now).ShouldBeFalse();

        referral.EmailErasedAt.ShouldBeNull();
        referral.Version.ShouldBe(0);
    }

    [Fact]
    public void EraseEmail_ClosedReferral_StillErases()
    {
        var referral = Build.ReferralIn(ReferralStatus.Waiting);
        referral.SetEmail("cipher", "index");
        referral.Withdraw(WithdrawalReason.NoLongerNeeded, Build.Actor, Build.Now.AddDays(1));

        referral.EraseEmail(Build.Now.AddDays(31)).ShouldBeTrue();

        referral.EmailCiphertext.ShouldBeNull();
    }
}
