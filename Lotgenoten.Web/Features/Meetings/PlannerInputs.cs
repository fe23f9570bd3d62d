using FluentValidation;
using Lotgenoten.Domain.Meetings;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.Meetings;

/// <summary>How a series ends: after a number of meetings, or on a date.</summary>
public enum SeriesEnd
{
    Count,
    Until,
}

/// <summary>The "Reeks plannen" form.</summary>
public sealed class SeriesInput
{
    public RecurrencePattern Pattern { get; set; } = RecurrencePattern.EveryTwoWeeks;

    public DateTime? FirstDate { get; set; }

    public TimeSpan? StartTime { get; set; } = new(19, 0, 0);

    public int DurationMinutes { get; set; } = 120;

    public SeriesEnd End { get; set; } = SeriesEnd.Count;

    public int? Count { get; set; } = 8;

    public DateTime? Until { get; set; }

    public List<DateOnly> SkippedDates { get; set; } = [];

    /// <summary>The plan, when the form is complete enough to make one.</summary>
    public SeriesPlan? ToPlan() =>
        FirstDate is { } first && StartTime is { } start
            ? new SeriesPlan(
                Pattern,
                DateOnly.FromDateTime(first),
                TimeOnly.FromTimeSpan(start),
                DurationMinutes,
                End == SeriesEnd.Count ? Count : null,
                End == SeriesEnd.Until && Until is { } until ? DateOnly.FromDateTime(until) : null,
                SkippedDates.ToList())
            : null;
}

/// <summary>The form to move a meeting or add one outside the series.</summary>
public sealed class MeetingInput
{
    public DateTime? Date { get; set; }

    public TimeSpan? StartTime { get; set; } = new(19, 0, 0);

    public int DurationMinutes { get; set; } = 120;

    public string? Theme { get; set; }

    public DateTime? StartLocal => Date is { } d && StartTime is { } t ? d.Date + t : null;
}

/// <summary>Checks the series form (the domain checks again when it is saved).</summary>
public sealed class SeriesInputValidator : AbstractValidator<SeriesInput>
{
    public SeriesInputValidator(IStringLocalizer<PlannerTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        RuleFor(x => x.Pattern).IsInEnum();
        RuleFor(x => x.FirstDate).NotNull().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.StartTime).NotNull().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.DurationMinutes)
            .InclusiveBetween(MeetingSeries.MinDurationMinutes, MeetingSeries.MaxDurationMinutes)
            .WithMessage(_ => texts["Validation_Duration", MeetingSeries.MinDurationMinutes, MeetingSeries.MaxDurationMinutes]);
        RuleFor(x => x.Count)
            .NotNull().WithMessage(_ => texts["Validation_Required"])
            .InclusiveBetween(1, MeetingSeries.MaxCount).WithMessage(_ => texts["Validation_Count", MeetingSeries.MaxCount])
            .When(x => x.End == SeriesEnd.Count);
        RuleFor(x => x.Until)
            .NotNull().WithMessage(_ => texts["Validation_Required"])
            .Must((x, until) => x.FirstDate is null || until >= x.FirstDate).WithMessage(_ => texts["Validation_UntilAfterFirst"])
            .When(x => x.End == SeriesEnd.Until);
    }
}

/// <summary>Checks the move / add form.</summary>
public sealed class MeetingInputValidator : AbstractValidator<MeetingInput>
{
    public MeetingInputValidator(IStringLocalizer<PlannerTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        RuleFor(x => x.Date).NotNull().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.StartTime).NotNull().WithMessage(_ => texts["Validation_Required"]);
        RuleFor(x => x.DurationMinutes)
            .InclusiveBetween(MeetingSeries.MinDurationMinutes, MeetingSeries.MaxDurationMinutes)
            .WithMessage(_ => texts["Validation_Duration", MeetingSeries.MinDurationMinutes, MeetingSeries.MaxDurationMinutes]);
        RuleFor(x => x.Theme)
            .MaximumLength(Meeting.ThemeMaxLength).WithMessage(_ => texts["Validation_Theme", Meeting.ThemeMaxLength])
            .Must(t => !Domain.Common.Text.HasForbiddenControlCharacters(t)).WithMessage(_ => texts["Validation_Theme", Meeting.ThemeMaxLength]);
    }
}
