namespace Lotgenoten.Web.Features.Safeguarding;

/// <summary>
/// Tells every open circuit of this app instance that the safeguarding queue changed (a concern raised, taken or
/// handled), so that the navigation badge and the queue page refresh at once. A singleton that carries no user data
/// (not even a count: each listener asks <see cref="ConcernService"/> again with its own user). One instance only for
/// now: with several app instances behind a load balancer a badge elsewhere refreshes at its next page load.
/// </summary>
public sealed class ConcernNotifier
{
    /// <summary>Raised after a change was committed; handlers must not block (they should re-query asynchronously).</summary>
    public event Action? Changed;

    /// <summary>Called by the services after SaveChanges succeeded.</summary>
    public void Notify() => Changed?.Invoke();
}
