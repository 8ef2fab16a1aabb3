using System.Threading;
using System.Threading.Tasks;

namespace StoreOffers.Host;

/// <summary>A journal kept in memory: for tests, and for hosts that accept losing it with the process.</summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private string? _content;

    /// <summary>The document as last written (for tests).</summary>
    public string? Content => Volatile.Read(ref _content);

    /// <inheritdoc />
    public Task<string?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Content);

    /// <inheritdoc />
    public Task WriteAsync(string content, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _content, content);
        return Task.CompletedTask;
    }
}
