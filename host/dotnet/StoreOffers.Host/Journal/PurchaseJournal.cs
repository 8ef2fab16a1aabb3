using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>
/// The durable purchase journal behind <c>takePurchases</c>/<c>ackPurchase</c>: every purchase
/// outcome is written before the page is answered, so a page that reloaded or crashed while the
/// Store dialog was open still claims it at its next start. Entries stay until acknowledged.
/// </summary>
public sealed class PurchaseJournal
{
    private readonly IJournalStorage _storage;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<DateTimeOffset> _now;
    private readonly Func<string> _newId;

    /// <summary>A journal kept in <paramref name="storage"/> (for example <see cref="FileJournalStorage"/>).</summary>
    /// <param name="storage">Where the journal lives.</param>
    /// <param name="now">The clock (tests).</param>
    /// <param name="newId">Makes purchase ids (tests); default a new GUID.</param>
    public PurchaseJournal(IJournalStorage storage, Func<DateTimeOffset>? now = null, Func<string>? newId = null)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _now = now ?? (() => DateTimeOffset.UtcNow);
        _newId = newId ?? (() => Guid.NewGuid().ToString("D"));
    }

    /// <summary>Writes one outcome down (durably) and returns the entry with its new purchaseId.</summary>
    public async Task<JournaledPurchase> RecordAsync(string productId, string? trackingId, string? account, PurchaseOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is null) throw new ArgumentNullException(nameof(outcome));
        var entry = new JournaledPurchase
        {
            PurchaseId = _newId(),
            ProductId = productId,
            TrackingId = trackingId,
            Status = outcome.Status,
            OrderId = outcome.OrderId ?? ExtendedJsonData.FindOrderId(outcome.ExtendedJsonData),
            Receipt = outcome.Receipt,
            ExtendedJsonData = outcome.ExtendedJsonData,
            Account = account,
            RecordedAt = _now(),
        };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await LoadAsync(cancellationToken).ConfigureAwait(false);
            entries.Add(entry);
            await SaveAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        return entry;
    }

    /// <summary>The entries not yet acknowledged that belong to <paramref name="account"/>, oldest first.</summary>
    public async Task<IReadOnlyList<JournaledPurchase>> PendingAsync(string? account, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await LoadAsync(cancellationToken).ConfigureAwait(false);
            return entries.Where(e => string.Equals(e.Account, account, StringComparison.Ordinal)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets one entry. True when it was there (acknowledging twice is harmless).</summary>
    public async Task<bool> AcknowledgeAsync(string purchaseId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await LoadAsync(cancellationToken).ConfigureAwait(false);
            var removed = entries.RemoveAll(e => string.Equals(e.PurchaseId, purchaseId, StringComparison.Ordinal));
            if (removed > 0) await SaveAsync(entries, cancellationToken).ConfigureAwait(false);
            return removed > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<JournaledPurchase>> LoadAsync(CancellationToken cancellationToken)
    {
        var content = await _storage.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(content)) return new List<JournaledPurchase>();
        try
        {
            var document = JsonSerializer.Deserialize<JournalDocument>(content!, Internal.Json.Options);
            return document?.Purchases?.Where(e => e is not null && e.PurchaseId.Length > 0).ToList() ?? new List<JournaledPurchase>();
        }
        catch (JsonException exception)
        {
            // Never overwrite a journal we cannot read: it may hold paid purchases.
            throw new StoreOffersException("journal-unreadable", "The purchase journal is not valid JSON", exception);
        }
    }

    private Task SaveAsync(List<JournaledPurchase> entries, CancellationToken cancellationToken) =>
        _storage.WriteAsync(JsonSerializer.Serialize(new JournalDocument { Version = 1, Purchases = entries }, Internal.Json.Options), cancellationToken);

    private sealed class JournalDocument
    {
        public int Version { get; set; }
        public List<JournaledPurchase>? Purchases { get; set; }
    }
}
