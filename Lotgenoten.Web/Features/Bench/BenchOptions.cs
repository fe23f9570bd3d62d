namespace Lotgenoten.Web.Features.Bench;

/// <summary>
/// <c>Bench:Diagnostics</c>: the endpoints the circuit load client of <c>bench/</c> needs (<c>GET /_bench/heap</c> and the
/// minimal page <c>/_bench/leeg</c>). Off unless set; refused outside Development.
/// </summary>
public sealed class BenchOptions
{
    public const string Section = "Bench";
    public const string HeapPath = "/_bench/heap";
    public const string EmptyPagePath = "/_bench/leeg";

    public bool Diagnostics { get; set; }

    /// <summary>The setting, or its default: off everywhere.</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetValue<bool?>($"{Section}:{nameof(Diagnostics)}") ?? false;
    }
}
