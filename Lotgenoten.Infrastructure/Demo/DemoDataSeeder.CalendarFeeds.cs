using Lotgenoten.Domain.Calendars;

namespace Lotgenoten.Infrastructure.Demo;

/// <summary>Demo calendar feeds: two fixed tokens that the README links; every real token is random.</summary>
public sealed partial class DemoDataSeeder
{
    /// <summary>The feed token of the demo facilitator (Pieter, the Tuesday group): <c>/calendar/demo-begeleider.ics</c>.</summary>
    public const string FacilitatorFeedToken = "demo-begeleider";

    /// <summary>The feed token of the demo participant Zonnebloem: <c>/calendar/demo-zonnebloem.ics</c>.</summary>
    public const string ParticipantFeedToken = "demo-zonnebloem";

    /// <summary>Feeds stored like any other (only the hash of the token), for the demo facilitator and Zonnebloem.</summary>
    private IReadOnlyList<CalendarFeed> CreateCalendarFeeds() =>
    [
        CalendarFeed.Create(CalendarFeedOwnerKind.Staff, DemoUsers.Facilitator.ObjectId, CalendarFeedToken.Hash(FacilitatorFeedToken), _now.AddDays(-30)),
        CalendarFeed.Create(CalendarFeedOwnerKind.Participant, DemoUsers.Participant.ObjectId, CalendarFeedToken.Hash(ParticipantFeedToken), _now.AddDays(-14)),
    ];
}
