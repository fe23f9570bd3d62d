using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lotgenoten.Bench.Circuits;

/// <summary>
/// What blazor.web.js reads from a prerendered page: the <c>&lt;!--Blazor:{...}--&gt;</c> start markers of the
/// interactive server root components (in document order, which gives their ssrComponentId) and the persisted state
/// comment <c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>.
/// </summary>
internal sealed partial class PageMarkers
{
    private PageMarkers(IReadOnlyList<JsonObject> markers, string applicationState)
    {
        Markers = markers;
        ApplicationState = applicationState;
    }

    public IReadOnlyList<JsonObject> Markers { get; }

    public string ApplicationState { get; }

    public static PageMarkers Parse(string html)
    {
        List<JsonObject> markers = [];
        foreach (Match match in MarkerComment().Matches(html))
        {
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker
                && marker["type"]?.GetValue<string>() == "server")
            {
                markers.Add(marker);
            }
        }

        var state = StateComment().Match(html);
        return new PageMarkers(markers, state.Success ? state.Groups["state"].Value : string.Empty);
    }

    /// <summary>The first UpdateRootComponents batch: every server marker added, as WebRootComponentManager sends it.</summary>
    public string AddOperations()
    {
        var operations = new JsonArray();
        for (var i = 0; i < Markers.Count; i++)
        {
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = Markers[i].DeepClone(),
            });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(JsonSerializerOptions.Default);
    }

    [GeneratedRegex("<!--Blazor:(?<json>\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerComment();

    [GeneratedRegex("<!--\\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)\\s*-->")]
    private static partial Regex StateComment();
}
