using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Bench;

/// <summary>
/// Diagnostics for the circuit benchmark (<c>bench/circuits.sh</c>): <c>GET /_bench/heap</c> forces two full, blocking,
/// compacting collections and answers the managed heap in bytes and the number of open circuits. Development only,
/// and only when <c>Bench:Diagnostics</c> is true; the app refuses to start when it is switched on anywhere else.
/// </summary>
public static class BenchSetup
{
    /// <summary>Refuses to start when <c>Bench:Diagnostics</c> is on outside Development; counts circuits when on.</summary>
    public static IHostApplicationBuilder AddBenchDiagnostics(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var enabled = BenchOptions.IsEnabled(builder.Configuration);
        if (enabled && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{BenchOptions.Section}:{nameof(BenchOptions.Diagnostics)} is true in the '{builder.Environment.EnvironmentName}' environment. " +
                "The benchmark diagnostics force garbage collections on request; they may only be switched on in Development.");
        }

        builder.Services.Configure<BenchOptions>(options => options.Diagnostics = enabled);
        if (enabled)
        {
            builder.Services.AddSingleton<BenchCircuitCounter>();
            builder.Services.AddSingleton<CircuitHandler>(services => services.GetRequiredService<BenchCircuitCounter>());
        }

        return builder;
    }

    /// <summary>Maps <c>GET /_bench/heap</c> when the diagnostics are on; nothing otherwise (so it is a 404).</summary>
    public static IEndpointRouteBuilder MapBenchDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<BenchOptions>>().Value.Diagnostics)
        {
            return endpoints;
        }

        endpoints.MapGet(BenchOptions.HeapPath, (BenchCircuitCounter counter) => Results.Json(Heap(counter)))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The managed heap after two forced full collections; figures only, nothing about anyone.</summary>
    public static BenchHeap Heap(BenchCircuitCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: true);
        return new BenchHeap(bytes, counter.Open, Environment.WorkingSet);
    }
}

/// <summary>The answer of <c>GET /_bench/heap</c>.</summary>
/// <param name="HeapBytes">Managed heap after full collections (<see cref="GC.GetTotalMemory(bool)"/>).</param>
/// <param name="Circuits">Open circuits of this instance.</param>
/// <param name="WorkingSetBytes">The process's working set, for information.</param>
public sealed record BenchHeap(long HeapBytes, int Circuits, long WorkingSetBytes);
