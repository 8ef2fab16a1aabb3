using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>
/// test/fixtures/protocol-vectors.additions.json: the SPEC's protocol additions (storeRequest,
/// getAccount, takePurchases/ackPurchase, trackingId, account-changed) through the dispatcher,
/// with storeRequest carried by a real HttpClient over a scripted handler.
/// </summary>
public sealed class AdditionsVectorTests
{
    public static IEnumerable<object[]> VectorNames => Vectors.Names(Vectors.AdditionsFile);
    public static IEnumerable<object[]> EventNames => Vectors.Names(Vectors.AdditionsFile, "events");

    [Theory]
    [MemberData(nameof(VectorNames))]
    public async Task Answers_like_the_vector(string name)
    {
        var vector = Vectors.Find(Vectors.AdditionsFile, name);
        var host = vector["host"]!.AsObject();
        var native = new ScriptedNative();
        if (host["tokens"] is JsonObject tokens)
        {
            native.Token = forceRefresh => tokens[forceRefresh ? "true" : "false"] is JsonNode token
                ? Task.FromResult((string)token!)
                : throw new InvalidOperationException($"unexpected forceRefresh={forceRefresh}");
        }
        if (host["tokenError"] is JsonObject tokenError)
            native.Token = _ => throw new StoreOffersException((string)tokenError["code"]!, (string)tokenError["message"]!);
        if (host.ContainsKey("account")) native.Account = () => Task.FromResult((string?)host["account"]);
        if (host["purchase"] is JsonObject purchase) native.Purchase = _ => Task.FromResult(purchase.Deserialize<PurchaseOutcome>()!);

        ScriptedHandler? handler = null;
        StoreRequestClient? store = null;
        if ((bool?)host["store"] == true)
        {
            var answer = vector["store"]?["answer"];
            handler = new ScriptedHandler(_ => Task.FromResult(Respond(answer)));
            store = new StoreRequestClient(new HttpClient(handler));
        }
        MemoryJournalStorage? storage = null;
        PurchaseJournal? journal = null;
        if ((bool?)host["journal"] == true)
        {
            storage = new MemoryJournalStorage();
            if (host["journal_entries"] is JsonArray entries)
                await storage.WriteAsync(new JsonObject { ["version"] = 1, ["purchases"] = entries.DeepClone() }.ToJsonString(), default);
            var ids = new Queue<string>(host["purchaseIds"]?.AsArray().Select(i => (string)i!) ?? Array.Empty<string>());
            journal = new PurchaseJournal(storage, newId: () => ids.Dequeue());
        }
        using var dispatcher = new StoreOffersDispatcher(native, new StoreOffersDispatcherOptions { Store = store, Journal = journal });

        var reply = await dispatcher.HandleAsync(vector["request"]!.ToJsonString());

        var expected = vector["response"]!;
        Assert.NotNull(reply);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(reply!)), $"{name}\nexpected {expected.ToJsonString()}\nactual   {reply}");
        if (vector["store"]?["expect"] is JsonObject sent)
        {
            var request = Assert.Single(handler!.Sent);
            Assert.Equal((string)sent["method"]!, request.Method.Method);
            Assert.Equal((string)sent["url"]!, request.Url.ToString());
            Assert.Equal((string)sent["authorization"]!, request.Authorization);
            Assert.Equal((string?)sent["contentType"], request.ContentType);
            Assert.Equal((string?)sent["body"], request.Body);
        }
        else if (handler is not null)
        {
            Assert.Empty(handler.Sent);
        }
        if (vector["journalAfter"] is JsonArray after)
        {
            var kept = JsonNode.Parse(storage!.Content!)!["purchases"]!.AsArray();
            foreach (var entry in kept) { entry!.AsObject().Remove("account"); entry.AsObject().Remove("recordedAt"); }
            Assert.True(JsonNode.DeepEquals(after, kept), $"journal: {kept.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Posts_the_event_of_the_vector(string name)
    {
        var vector = Vectors.Find(Vectors.AdditionsFile, name, "events");
        var native = new ScriptedNative();
        using var dispatcher = new StoreOffersDispatcher(native);
        var posted = new List<HostEventArgs>();
        dispatcher.HostEvent += (_, e) => posted.Add(e);

        native.RaiseAccountChanged((string?)vector["account"]);

        var message = Assert.Single(posted);
        Assert.Equal("account-changed", message.Name);
        Assert.True(JsonNode.DeepEquals(vector["message"], JsonNode.Parse(message.Json)), message.Json);
    }

    private static HttpResponseMessage Respond(JsonNode? answer)
    {
        if ((string?)answer?["fail"] == "network") throw new HttpRequestException("connection refused");
        var response = new HttpResponseMessage((HttpStatusCode)(int)answer!["status"]!);
        if (answer["body"] is JsonNode body) response.Content = new StringContent((string)body!, Encoding.UTF8, "application/json");
        if (answer["retryAfter"] is JsonNode retryAfter) response.Headers.TryAddWithoutValidation("Retry-After", (string)retryAfter!);
        return response;
    }
}
