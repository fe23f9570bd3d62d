namespace Lotgenoten.Web.Features.Health;

/// <summary><c>GET /health</c>: 200 <c>Healthy</c> when the database answers, 503 <c>Unhealthy</c> otherwise.</summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path).AllowAnonymous();
        return endpoints;
    }
}
