using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>Where <see cref="PurchaseJournal"/> keeps its one document. Writes must be durable when the task completes.</summary>
public interface IJournalStorage
{
    /// <summary>The last document written, or null when there is none yet.</summary>
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the document, durably and atomically (a crash leaves the old or the new one).</summary>
    Task WriteAsync(string content, CancellationToken cancellationToken);
}
