using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>
/// Every vector of test/fixtures/protocol-vectors.json — the file the TypeScript adapters replay —
/// through the real dispatcher with a scripted native store: the answer must equal the vector's
/// response (ids included, they are copied), and what the page concludes from it (expect) must be
/// what this kit concludes too (status spelling, orderId, claim receipt, available methods).
/// </summary>
public sealed class VectorReplayTests
{
    public static IEnumerable<object[]> VectorNames => Vectors.Names(Vectors.File);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public async Task Answers_like_the_vector(string name)
    {
        var vector = Vectors.Named(name);
        var request = vector["request"]!.AsObject();
        var expected = vector["response"]!.AsObject();
        var (native, options) = NativeFor(request, expected);
        using var dispatcher = new StoreOffersDispatcher(native, options);

        var answer = await dispatcher.HandleAsync(request.ToJsonString());

        Assert.NotNull(answer);
        var actual = JsonNode.Parse(answer!);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}\nexpected {expected.ToJsonString()}\nactual   {answer}");
        CheckConclusion(vector, dispatcher, expected);
    }

    [Fact]
    public void Vectors_cover_every_method_and_status()
    {
        var methods = Vectors.File["vectors"]!.AsArray().Select(v => (string)v!["request"]!["method"]!).Distinct().OrderBy(m => m).ToArray();
        Assert.Equal(new[] { "getProducts", "getStoreIdKey", "getToken", "hello", "purchase" }, methods);
        Assert.True(Vectors.File["vectors"]!.AsArray().Count >= 20);
    }

    private static void CheckConclusion(JsonObject vector, StoreOffersDispatcher dispatcher, JsonObject response)
    {
        var expect = vector["expect"]!.AsObject();
        var method = (string)vector["request"]!["method"]!;
        if (method == "hello")
        {
            var available = expect["available"]!.AsArray().Select(m => (string)m!).ToArray();
            Assert.Equal(available.OrderBy(m => m), dispatcher.AnnouncedMethods.Where(m => available.Contains(m) || IsBaseMethod(m)).OrderBy(m => m));
            return;
        }
        if (expect["rejects"] is JsonObject rejects)
        {
            Assert.Contains((string)rejects["messageIncludes"]!, (string)response["error"]!["code"]!);
            return;
        }
        if (method == "purchase")
        {
            var result = response["result"]!;
            var resolves = expect["resolves"]!;
            Assert.Equal((string)resolves["status"]!, PurchaseStatuses.ToLibrary((string)result["status"]!));
            var orderId = (string?)result["orderId"] ?? ExtendedJsonData.FindOrderId((string?)result["extendedJsonData"]);
            Assert.Equal((string?)resolves["orderId"], orderId);
            if (expect["claimReceipt"] is JsonNode claimReceipt)
                Assert.Equal((string)claimReceipt!, orderId ?? (string?)result["receipt"]);
        }
    }

    private static bool IsBaseMethod(string method) => method is "getToken" or "getProducts" or "purchase" or "getStoreIdKey";

    private static (ScriptedNative, StoreOffersDispatcherOptions) NativeFor(JsonObject request, JsonObject response)
    {
        var native = new ScriptedNative();
        var options = new StoreOffersDispatcherOptions();
        var parameters = request["params"]!.AsObject();
        var result = response["result"];
        var error = response["error"];
        Exception Failure() => new StoreOffersException((string)error!["code"]!, (string)error["message"]!);

        switch ((string)request["method"]!)
        {
            case "hello":
                options = result is null
                    // An older host: hello is not one of its methods.
                    ? new StoreOffersDispatcherOptions { Methods = new[] { "getToken", "getProducts", "purchase", "getStoreIdKey" } }
                    : new StoreOffersDispatcherOptions
                    {
                        App = (string?)result["app"],
                        Methods = new[] { "hello" }.Concat(result["methods"]!.AsArray().Select(m => (string)m!)).ToArray(),
                    };
                break;
            case "getToken":
                native.Token = forceRefresh =>
                {
                    Assert.Equal((bool?)parameters["forceRefresh"] ?? false, forceRefresh);
                    return error is null ? Task.FromResult((string)result!["token"]!) : throw Failure();
                };
                break;
            case "getProducts":
                native.Products = ids =>
                {
                    Assert.Equal(parameters["productIds"]!.AsArray().Select(i => (string)i!), ids);
                    if (error is not null) throw Failure();
                    var products = result!["products"].Deserialize<List<ProductInfo>>()!;
                    return Task.FromResult<IReadOnlyList<ProductInfo>>(products);
                };
                break;
            case "purchase":
                native.Purchase = productId =>
                {
                    Assert.Equal((string)parameters["productId"]!, productId);
                    if (error is not null) throw Failure();
                    return Task.FromResult(result.Deserialize<PurchaseOutcome>()!);
                };
                break;
            case "getStoreIdKey":
                native.Key = key =>
                {
                    Assert.Equal((string)parameters["kind"]! == "collections" ? StoreIdKeyKind.Collections : StoreIdKeyKind.Purchase, key.Kind);
                    Assert.Equal((string)parameters["serviceTicket"]!, key.ServiceTicket);
                    Assert.Equal((string?)parameters["publisherUserId"], key.PublisherUserId);
                    if (error is null) return Task.FromResult((string)result!["key"]!);
                    // Windows' own failure: GetCustomer…IdAsync hands back an empty string.
                    if (((string)error["message"]!).Contains("returned an empty key")) return Task.FromResult("");
                    throw Failure();
                };
                break;
        }
        return (native, options);
    }
}
