using System.Globalization;
using System.Text.Json;
using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Referrals;
using Lotgenoten.Web.Features.Referrals;
using Microsoft.Extensions.Localization;

namespace Lotgenoten.Web.Features.ReferralApi;

/// <summary>The JSON field names of a referral, as the API's requests and its problem details' <c>errors</c> use them.</summary>
public static class ReferralJsonFields
{
    public const string ReceivedOn = "receivedOn";
    public const string Channel = "channel";
    public const string Relation = "relation";
    public const string Concern = "concern";
    public const string Language = "language";
    public const string Region = "region";
    public const string Format = "format";
    public const string Availability = "availability";
    public const string Email = "email";
    public const string ContactPreference = "contactPreference";
    public const string Consent = "consent";
    public const string ConsentGiven = "consent.given";
    public const string NoticeVersion = "consent.noticeVersion";
    public const string Remark = "remark";

    /// <summary>The JSON name of each <see cref="ReferralInput"/> property, for the validator's errors.</summary>
    public static IReadOnlyDictionary<string, string> ByProperty { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(ReferralInput.ReceivedOn)] = ReceivedOn,
        [nameof(ReferralInput.Channel)] = Channel,
        [nameof(ReferralInput.Relation)] = Relation,
        [nameof(ReferralInput.Concern)] = Concern,
        [nameof(ReferralInput.Language)] = Language,
        [nameof(ReferralInput.Region)] = Region,
        [nameof(ReferralInput.Format)] = Format,
        [nameof(ReferralInput.Availability)] = Availability,
        [nameof(ReferralInput.Email)] = Email,
        [nameof(ReferralInput.ContactPreference)] = ContactPreference,
        [nameof(ReferralInput.ConsentGiven)] = ConsentGiven,
        [nameof(ReferralInput.NoticeVersion)] = NoticeVersion,
        [nameof(ReferralInput.Remark)] = Remark,
    };

    internal static readonly string[] TopLevel =
        [ReceivedOn, Channel, Relation, Concern, Language, Region, Format, Availability, Email, ContactPreference, Consent, Remark];
}

/// <summary>What <see cref="ReferralRequestReader"/> made of a body: the input (as far as it could be read) and the errors per JSON field.</summary>
internal sealed record ReferralRequest(ReferralInput Input, Dictionary<string, List<string>> Errors)
{
    /// <summary>The body is not a JSON object at all (empty, malformed, or another JSON value): nothing to validate.</summary>
    public bool Unreadable { get; set; }

    public void Add(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var messages))
        {
            Errors[field] = messages = [];
        }

        messages.Add(message);
    }
}

/// <summary>
/// Reads a referral from the raw JSON body, strictly and without exceptions escaping: camelCase names, enums by name
/// only (a number or an unknown name is an error at that field), regions as ISO 3166-2 codes or <c>online</c>,
/// languages as <c>nl</c>/<c>fr</c>/<c>en</c>, dates as <c>yyyy-MM-dd</c>; unknown and repeated fields are refused.
/// Rules about values (required, lengths, characters, dates) are the validator's, not this reader's.
/// </summary>
internal sealed class ReferralRequestReader(IStringLocalizer<ReferralApiTexts> texts)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    public ReferralRequest Read(ReadOnlySpan<byte> body, DateOnly today)
    {
        var request = new ReferralRequest(new ReferralInput(), new Dictionary<string, List<string>>(StringComparer.Ordinal));
        if (IsBlank(body))
        {
            request.Add(ApiProblems.BodyKey, texts["Body_Empty"]);
            request.Unreadable = true;
            return request;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), Options);
        }
        catch (JsonException)
        {
            request.Add(LocateSyntaxError(body), texts["Body_Malformed"]);
            request.Unreadable = true;
            return request;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                request.Add(ApiProblems.BodyKey, texts["Body_NotObject"]);
                request.Unreadable = true;
                return request;
            }

            ReadReferral(document.RootElement, request, today);
        }

        return request;
    }

    private void ReadReferral(JsonElement root, ReferralRequest request, DateOnly today)
    {
        var input = request.Input;
        var receivedOnGiven = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (!seen.Add(name))
            {
                request.Add(ApiFieldName(name), texts["Field_Repeated"]);
                continue;
            }

            var value = property.Value;
            switch (name)
            {
                case ReferralJsonFields.ReceivedOn:
                    receivedOnGiven = value.ValueKind != JsonValueKind.Null;
                    input.ReceivedOn = ReadDate(value, name, request);
                    break;
                case ReferralJsonFields.Channel:
                    input.Channel = ReadEnum<ReferralChannel>(value, name, request);
                    break;
                case ReferralJsonFields.Relation:
                    input.Relation = ReadEnum<Relation>(value, name, request);
                    break;
                case ReferralJsonFields.Concern:
                    input.Concern = ReadEnum<Concern>(value, name, request);
                    break;
                case ReferralJsonFields.Format:
                    input.Format = ReadEnum<FormatPreference>(value, name, request);
                    break;
                case ReferralJsonFields.ContactPreference:
                    input.ContactPreference = ReadEnum<ContactPreference>(value, name, request);
                    break;
                case ReferralJsonFields.Language:
                    input.Language = ReadCode(value, name, request, ["nl", "fr", "en"], (string s, out Language l) => LanguageCodes.TryParse(s, out l));
                    break;
                case ReferralJsonFields.Region:
                    input.Region = ReadCode(value, name, request, RegionCodes.All, (string s, out Region r) => RegionCodes.TryParse(s, out r));
                    break;
                case ReferralJsonFields.Availability:
                    input.Availability = ReadAvailability(value, request);
                    break;
                case ReferralJsonFields.Email:
                    input.Email = ReadString(value, name, request);
                    break;
                case ReferralJsonFields.Remark:
                    input.Remark = ReadString(value, name, request);
                    break;
                case ReferralJsonFields.Consent:
                    ReadConsent(value, request);
                    break;
                default:
                    request.Add(ApiFieldName(name), texts["Field_Unknown"]);
                    break;
            }
        }

        if (!receivedOnGiven && !request.Errors.ContainsKey(ReferralJsonFields.ReceivedOn))
        {
            input.ReceivedOn = today;
        }
    }

    private void ReadConsent(JsonElement value, ReferralRequest request)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            request.Add(ReferralJsonFields.Consent, texts["Field_ExpectObject"]);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var field = $"{ReferralJsonFields.Consent}.{ApiFieldName(property.Name)}";
            if (!seen.Add(property.Name))
            {
                request.Add(field, texts["Field_Repeated"]);
                continue;
            }

            switch (property.Name)
            {
                case "given":
                    if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        request.Input.ConsentGiven = property.Value.GetBoolean();
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        request.Add(field, texts["Field_ExpectBoolean"]);
                    }

                    break;
                case "noticeVersion":
                    request.Input.NoticeVersion = ReadString(property.Value, field, request);
                    break;
                default:
                    request.Add(field, texts["Field_Unknown"]);
                    break;
            }
        }
    }

    private WeeklyAvailability ReadAvailability(JsonElement value, ReferralRequest request)
    {
        const string field = ReferralJsonFields.Availability;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return WeeklyAvailability.None;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            request.Add(field, texts["Field_ExpectArray"]);
            return WeeklyAvailability.None;
        }

        var availability = WeeklyAvailability.None;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (TryReadSlot(item) is { } slot)
            {
                availability = availability.With(slot);
            }
            else
            {
                request.Add(field, texts["Field_AvailabilitySlot", index,
                    string.Join(", ", Enum.GetNames<DayOfWeek>()), string.Join(", ", Enum.GetNames<DayPart>())]);
            }

            index++;
        }

        return availability;
    }

    private static AvailabilitySlot? TryReadSlot(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        DayOfWeek? day = null;
        DayPart? part = null;
        var count = 0;
        foreach (var property in item.EnumerateObject())
        {
            count++;
            if (property.Name == "day" && day is null && TryName<DayOfWeek>(property.Value, out var d))
            {
                day = d;
            }
            else if (property.Name == "part" && part is null && TryName<DayPart>(property.Value, out var p))
            {
                part = p;
            }
            else
            {
                return null;
            }
        }

        return count == 2 && day is { } dd && part is { } pp ? new AvailabilitySlot(dd, pp) : null;
    }

    private DateOnly? ReadDate(JsonElement value, string field, ReferralRequest request)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && TryGetString(value) is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        request.Add(field, texts["Field_ExpectDate"]);
        return null;
    }

    private T? ReadEnum<T>(JsonElement value, string field, ReferralRequest request)
        where T : struct, Enum
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (TryName<T>(value, out var result))
        {
            return result;
        }

        request.Add(field, texts["Field_ExpectName", string.Join(", ", Enum.GetNames<T>())]);
        return null;
    }

    private delegate bool TryParseCode<T>(string code, out T value);

    private T? ReadCode<T>(JsonElement value, string field, ReferralRequest request, IReadOnlyList<string> allowed, TryParseCode<T> parse)
        where T : struct
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && TryGetString(value) is { } code && code == code.Trim() && parse(code, out var result))
        {
            return result;
        }

        request.Add(field, texts["Field_ExpectName", string.Join(", ", allowed)]);
        return null;
    }

    private string? ReadString(JsonElement value, string field, ReferralRequest request)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            request.Add(field, texts["Field_ExpectString"]);
            return null;
        }

        if (TryGetString(value) is { } text)
        {
            return text;
        }

        request.Add(field, texts["Field_InvalidText"]);
        return null;
    }

    /// <summary>An enum value by its exact name (case aside); numbers, numeric strings and unknown names fail.</summary>
    private static bool TryName<T>(JsonElement value, out T result)
        where T : struct, Enum
    {
        result = default;
        if (value.ValueKind != JsonValueKind.String || TryGetString(value) is not { } text)
        {
            return false;
        }

        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is not null && Enum.TryParse(name, out result);
    }

    /// <summary>The string, or null when its escapes do not make valid UTF-16 (a lone surrogate).</summary>
    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An unknown field's name as an error key: printable ASCII up to 64 characters, else the body key (an error key is
    /// echoed back, so nothing hostile goes in it).
    /// </summary>
    private static string ApiFieldName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is > ' ' and < '\u007f') ? name : ApiProblems.BodyKey;

    /// <summary>The field in which the JSON breaks off (read as far as it goes), or the body key.</summary>
    internal static string LocateSyntaxError(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        var path = new List<string?>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.Add(property);
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        property = path.Count > 0 ? path[^1] : null;
                        if (path.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Describe(path, property);
        }

        return Describe(path, property);
    }

    private static string Describe(List<string?> path, string? property)
    {
        // path[0] is the root object (no name); path[1] the first nested container's field.
        var top = path.Count > 1 ? path[1] : property;
        if (top == ReferralJsonFields.Consent && path.Count > 1)
        {
            var inner = path.Count > 2 ? path[2] : property;
            return inner is "given" or "noticeVersion" ? $"{ReferralJsonFields.Consent}.{inner}" : ReferralJsonFields.Consent;
        }

        return top is not null && ReferralJsonFields.TopLevel.Contains(top) ? top : ApiProblems.BodyKey;
    }
}
