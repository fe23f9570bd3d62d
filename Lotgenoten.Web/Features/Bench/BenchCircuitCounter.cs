using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lotgenoten.Web.Features.Bench;

/// <summary>Counts the open circuits of this instance (registered only when <c>Bench:Diagnostics</c> is on).</summary>
public sealed class BenchCircuitCounter : CircuitHandler
{
    private int _open;

    /// <summary>Circuits opened and not yet closed.</summary>
    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
