using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>The purchase journal: durable, written before the answer, per account, survives a restart.</summary>
public sealed class JournalTests : IDisposable
{
    private const string Account = "acct-hash-1";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "store-offers-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static string Request(string id, string method, string @params = "{}") =>
        $"{{\"channel\":\"store-offers\",\"v\":1,\"id\":\"{id}\",\"method\":\"{method}\",\"params\":{@params}}}";

    private static ScriptedNative Native(string? account = Account) => new()
    {
        Account = () => Task.FromResult(account),
        Purchase = _ => Task.FromResult(new PurchaseOutcome
        {
            Status = "Succeeded",
            ExtendedJsonData = "{\"orderId\":\"e41a7c9d-2b5f-4c8e-9a13-6d0f2b8c5e71\"}",
        }),
    };

    [Fact]
    public async Task A_purchase_answered_to_a_page_that_died_is_taken_at_the_next_start()
    {
        var path = Path.Combine(_folder, "journal.json");
        string purchaseId;
        using (var first = new StoreOffersDispatcher(Native(), new StoreOffersDispatcherOptions { Journal = new PurchaseJournal(new FileJournalStorage(path)) }))
        {
            var answer = JsonNode.Parse((await first.HandleAsync(Request("1", "purchase", "{\"productId\":\"10x gold coins\",\"trackingId\":\"t-1\"}")))!)!;
            purchaseId = (string)answer["result"]!["purchaseId"]!;
        }
        // The process is gone; a new one reads the same file.
        using var second = new StoreOffersDispatcher(Native(), new StoreOffersDispatcherOptions { Journal = new PurchaseJournal(new FileJournalStorage(path)) });
        var taken = JsonNode.Parse((await second.HandleAsync(Request("2", "takePurchases")))!)!["result"]!["purchases"]!.AsArray();
        var entry = Assert.Single(taken)!;
        Assert.Equal(purchaseId, (string)entry["purchaseId"]!);
        Assert.Equal("t-1", (string)entry["trackingId"]!);
        Assert.Equal("e41a7c9d-2b5f-4c8e-9a13-6d0f2b8c5e71", (string)entry["orderId"]!);
        Assert.Null(entry["account"]);

        Assert.Equal("{}", JsonNode.Parse((await second.HandleAsync(Request("3", "ackPurchase", $"{{\"purchaseId\":\"{purchaseId}\"}}")))!)!["result"]!.ToJsonString());
        Assert.Empty(JsonNode.Parse((await second.HandleAsync(Request("4", "takePurchases")))!)!["result"]!["purchases"]!.AsArray());
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task Another_account_does_not_see_the_purchase_until_its_buyer_returns()
    {
        var storage = new MemoryJournalStorage();
        var current = Account;
        var native = Native();
        native.Account = () => Task.FromResult<string?>(current);
        using var dispatcher = new StoreOffersDispatcher(native, new StoreOffersDispatcherOptions { Journal = new PurchaseJournal(storage) });
        await dispatcher.HandleAsync(Request("1", "purchase", "{\"productId\":\"a\"}"));
        current = "someone-else";
        Assert.Empty(JsonNode.Parse((await dispatcher.HandleAsync(Request("2", "takePurchases")))!)!["result"]!["purchases"]!.AsArray());
        current = Account;
        Assert.Single(JsonNode.Parse((await dispatcher.HandleAsync(Request("3", "takePurchases")))!)!["result"]!["purchases"]!.AsArray());
    }

    [Fact]
    public async Task The_answer_waits_for_the_journal_write()
    {
        var storage = new GatedStorage();
        using var dispatcher = new StoreOffersDispatcher(Native(), new StoreOffersDispatcherOptions { Journal = new PurchaseJournal(storage) });
        var answer = dispatcher.HandleAsync(Request("1", "purchase", "{\"productId\":\"a\"}"));
        await storage.WriteStarted.Task;
        await Task.Delay(50);
        Assert.False(answer.IsCompleted);
        storage.Release.SetResult(true);
        Assert.NotNull(JsonNode.Parse((await answer)!)!["result"]!["purchaseId"]);
    }

    [Fact]
    public async Task A_journal_that_cannot_be_written_never_turns_a_paid_purchase_into_an_error()
    {
        var storage = new GatedStorage { Fail = true };
        using var dispatcher = new StoreOffersDispatcher(Native(), new StoreOffersDispatcherOptions { Journal = new PurchaseJournal(storage) });
        var result = JsonNode.Parse((await dispatcher.HandleAsync(Request("1", "purchase", "{\"productId\":\"a\"}")))!)!["result"]!;
        Assert.Equal("Succeeded", (string)result["status"]!);
        Assert.Null(result["purchaseId"]);
    }

    [Fact]
    public async Task A_corrupt_journal_file_is_kept_and_reported()
    {
        var path = Path.Combine(_folder, "journal.json");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(path, "{ not json");
        using var dispatcher = new StoreOffersDispatcher(Native(), new StoreOffersDispatcherOptions { Journal = new PurchaseJournal(new FileJournalStorage(path)) });
        var error = JsonNode.Parse((await dispatcher.HandleAsync(Request("1", "takePurchases")))!)!["error"]!;
        Assert.Equal("journal-unreadable", (string)error["code"]!);
        Assert.Equal("{ not json", File.ReadAllText(path));
    }

    [Fact]
    public async Task Concurrent_records_are_all_kept()
    {
        var journal = new PurchaseJournal(new FileJournalStorage(Path.Combine(_folder, "j.json")));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            journal.RecordAsync($"p{i}", null, Account, new PurchaseOutcome { Status = "Succeeded" }, CancellationToken.None)));
        Assert.Equal(20, (await journal.PendingAsync(Account, CancellationToken.None)).Count);
    }

    private sealed class GatedStorage : IJournalStorage
    {
        private string? _content;
        public bool Fail { get; init; }
        public TaskCompletionSource<bool> WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<bool> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<string?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(_content);
        public async Task WriteAsync(string content, CancellationToken cancellationToken)
        {
            if (Fail) throw new IOException("disk full");
            WriteStarted.TrySetResult(true);
            await Release.Task;
            _content = content;
        }
    }
}
