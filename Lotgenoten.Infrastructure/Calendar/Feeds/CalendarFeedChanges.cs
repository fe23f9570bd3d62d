using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lotgenoten.Infrastructure.Calendar.Feeds;

/// <summary>
/// A counter that moves whenever this instance writes to the database: any <c>SaveChanges</c> that saved something, any
/// non-query command (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL) and any committed transaction. What a cache of
/// feed lookups remembered at one <see cref="Generation"/> is stale at the next: a revoked, rotated or erased feed and a
/// moved meeting are seen at once on this instance. Deliberately coarse (every write counts, not only calendar data):
/// writes are rare next to feed polls, and a missed entity type can then never serve stale bytes. Writes by another
/// instance are not seen; callers bound that with a short lifetime. A singleton, registered as an EF Core interceptor
/// on every context the app builds.
/// </summary>
public sealed class CalendarFeedChanges
{
    private long _generation;

    public CalendarFeedChanges() => Interceptor = new WriteInterceptor(this);

    /// <summary>The current generation; read it before querying what you will cache under it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The interceptor that moves <see cref="Generation"/>; add it to a context's options.</summary>
    public IInterceptor Interceptor { get; }

    /// <summary>Marks everything cached so far as stale.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    private sealed class WriteInterceptor(CalendarFeedChanges changes) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Moved(result);
            return result;
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Moved(result);
            return ValueTask.FromResult(result);
        }

        public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            changes.Changed();
            return result;
        }

        public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            changes.Changed();
            return ValueTask.FromResult(result);
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => changes.Changed();

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            changes.Changed();
            return Task.CompletedTask;
        }

        private void Moved(int saved)
        {
            if (saved != 0)
            {
                changes.Changed();
            }
        }
    }
}
