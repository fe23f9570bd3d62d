using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Web.Features.MyAccount;

/// <summary>
/// The helpline a participant can always turn to (section <c>Helpline</c>). The defaults are those of the 2021 annual
/// report of Stop it Now! Vlaanderen.
/// </summary>
public sealed class HelplineOptions
{
    public const string Section = "Helpline";

    /// <summary>The number as people read it, e.g. "0800 200 50"; the tel: link is made from its digits.</summary>
    [Required]
    [StringLength(40, MinimumLength = 3)]
    public string Phone { get; set; } = "0800 200 50";

    [Required]
    [EmailAddress]
    public string Email { get; set; } = "vragen@stopitnow.be";

    /// <summary>Where the chat opens (https).</summary>
    [Required]
    [Url]
    public string ChatUrl { get; set; } = "https://stopitnow.be";

    /// <summary>When the phone and chat are staffed. Empty in configuration means the defaults.</summary>
    public List<HelplineHours> Hours { get; set; } = [];

    /// <summary>Guides for relatives, each with a title per language ("nl", "fr", "en") and an https address.</summary>
    public List<HelplineGuide> Guides { get; set; } = [];

    /// <summary>The opening hours of the annual report: Tuesday 15–19, Wednesday 9:30–12:30, Friday 12–15.</summary>
    public static IReadOnlyList<HelplineHours> DefaultHours { get; } =
    [
        new() { Day = DayOfWeek.Tuesday, From = new TimeOnly(15, 0), To = new TimeOnly(19, 0) },
        new() { Day = DayOfWeek.Wednesday, From = new TimeOnly(9, 30), To = new TimeOnly(12, 30) },
        new() { Day = DayOfWeek.Friday, From = new TimeOnly(12, 0), To = new TimeOnly(15, 0) },
    ];

    /// <summary>The configured hours, or the defaults when none are configured.</summary>
    public IReadOnlyList<HelplineHours> EffectiveHours => Hours.Count > 0 ? Hours : DefaultHours;

    /// <summary>The tel: link of <see cref="Phone"/> (digits and a leading +; spaces and dots dropped).</summary>
    public string PhoneLink => "tel:" + new string(Phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());
}

/// <summary>One opening slot of the helpline (Brussels time).</summary>
public sealed class HelplineHours
{
    public DayOfWeek Day { get; set; }

    public TimeOnly From { get; set; }

    public TimeOnly To { get; set; }
}

/// <summary>A guide for relatives: a title per language and its address.</summary>
public sealed class HelplineGuide
{
    /// <summary>Title by language code ("nl", "fr", "en"); Dutch is used when the user's language has none.</summary>
    public Dictionary<string, string> Title { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Required]
    [Url]
    public string Url { get; set; } = string.Empty;

    /// <summary>The title in <paramref name="language"/>, else Dutch, else any.</summary>
    public string TitleIn(string language) =>
        Title.TryGetValue(language, out var title) && !string.IsNullOrWhiteSpace(title) ? title
        : Title.TryGetValue("nl", out var dutch) && !string.IsNullOrWhiteSpace(dutch) ? dutch
        : Title.Values.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? Url;
}

/// <summary>Participant sessions (section <c>Participant</c>).</summary>
public sealed class ParticipantSessionOptions
{
    public const string Section = "Participant";

    /// <summary>The default idle time after which a participant is signed out.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Signed out after this long without activity (the cookie's sliding expiration and the page's idle timer).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>Reads <c>Participant:IdleTimeout</c> (e.g. "00:30:00"), or the default.</summary>
    public static TimeSpan Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetValue<TimeSpan?>($"{Section}:{nameof(IdleTimeout)}");
        return value is { } t && t >= TimeSpan.FromMinutes(1) && t <= TimeSpan.FromHours(12) ? t : DefaultIdleTimeout;
    }
}
