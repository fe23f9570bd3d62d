namespace Lotgenoten.Web.Features.Calendar;

/// <summary>Log messages of private calendar feeds: kinds and counts, never a token, an owner id or a path.</summary>
internal static partial class CalendarLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Calendar feed of a {OwnerKind} served ({Status}).")]
    public static partial void FeedServed(ILogger logger, string ownerKind, int status);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Calendar feed request with no active token.")]
    public static partial void FeedNotFound(ILogger logger);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "A staff member issued a new calendar feed link.")]
    public static partial void FeedIssued(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "A staff member revoked their calendar feed.")]
    public static partial void FeedRevoked(ILogger logger);
}
