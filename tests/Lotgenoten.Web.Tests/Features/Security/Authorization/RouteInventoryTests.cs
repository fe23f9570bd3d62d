using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Lotgenoten.Web.Tests.Features.Security.Authorization;

/// <summary>
/// The app's endpoints, read from its <see cref="EndpointDataSource"/> (pages with their <c>@page</c> templates, minimal
/// APIs, the calendar feed, health, culture, sign-in and sign-out, the framework's own), against the rows of
/// <see cref="AuthorizationMatrix"/>: a page or endpoint added without a row fails here, and so does a row left behind.
/// Static files (<c>MapStaticAssets</c>) are anonymous by design and not listed.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class RouteInventoryTests
{
    private readonly MatrixApp _app;

    public RouteInventoryTests(MatrixApp app) => _app = app;

    [Fact]
    public void Endpoints_EachHasARowInTheMatrix()
    {
        var covered = AuthorizationMatrix.Rows.Select(r => r.Endpoint).Concat(AuthorizationMatrix.FrameworkEndpoints).ToHashSet(StringComparer.Ordinal);

        var missing = AppEndpoints().Where(e => !covered.Contains(e)).ToList();

        missing.ShouldBeEmpty(
            "endpoints without a row in AuthorizationMatrix (add a row with every role's answer): " + string.Join(", ", missing));
    }

    [Fact]
    public void Rows_EachNamesAnEndpointOfTheApp()
    {
        var endpoints = AppEndpoints().ToHashSet(StringComparer.Ordinal);

        var stale = AuthorizationMatrix.Rows.Select(r => r.Endpoint).Concat(AuthorizationMatrix.FrameworkEndpoints)
            .Distinct(StringComparer.Ordinal).Where(e => !endpoints.Contains(e)).ToList();

        stale.ShouldBeEmpty("rows of AuthorizationMatrix for endpoints the app does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void Endpoints_IncludeEveryKindTheMatrixMustCover()
    {
        var endpoints = AppEndpoints().ToList();

        // The inventory itself must see pages (GET and POST), minimal APIs, the API group and the anonymous endpoints.
        endpoints.ShouldContain("GET /groepen/{GroupId:guid}");
        endpoints.ShouldContain("POST /groepen/{GroupId:guid}");
        endpoints.ShouldContain("POST /api/referrals");
        endpoints.ShouldContain("GET /calendar/{token}.ics");
        endpoints.ShouldContain("* /health");
        endpoints.ShouldContain("POST /account/signout");
        endpoints.Count.ShouldBeGreaterThan(60);
    }

    /// <summary>"METHOD /template" for every method of every routable endpoint; "*" when it takes any method.</summary>
    private IEnumerable<string> AppEndpoints() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}
