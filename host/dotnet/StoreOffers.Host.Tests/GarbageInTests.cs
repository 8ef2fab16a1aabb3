using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>Whatever arrives, the dispatcher answers with the right error or stays silent, and never throws.</summary>
public sealed class GarbageInTests
{
    private const string Token = "EwB4A8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAd1ICTsVl3EZ0zJ5";

    private static StoreOffersDispatcher Dispatcher(ScriptedNative? native = null) =>
        new(native ?? new ScriptedNative { Token = _ => Task.FromResult(Token) });

    private static string Request(string method, string @params = "{}", string id = "\"g-1\"") =>
        $"{{\"channel\":\"store-offers\",\"v\":1,\"id\":{id},\"method\":\"{method}\",\"params\":{@params}}}";

    private static (string Code, string Message) ErrorOf(string? reply)
    {
        Assert.NotNull(reply);
        var error = JsonNode.Parse(reply!)!["error"];
        Assert.NotNull(error);
        return ((string)error!["code"]!, (string)error["message"]!);
    }

    public static IEnumerable<object?[]> Silent => new[]
    {
        new object?[] { "not JSON", "{ this is not json" },
        new object?[] { "null", null },
        new object?[] { "empty", "" },
        new object?[] { "a JSON string", "\"hello\"" },
        new object?[] { "an array", "[1,2,3]" },
        new object?[] { "a number", "42" },
        new object?[] { "another channel", "{\"channel\":\"my-app\",\"v\":1,\"id\":\"g-1\",\"method\":\"getToken\",\"params\":{}}" },
        new object?[] { "no channel", "{\"v\":1,\"id\":\"g-1\",\"method\":\"getToken\",\"params\":{}}" },
        new object?[] { "v 2", "{\"channel\":\"store-offers\",\"v\":2,\"id\":\"g-1\",\"method\":\"getToken\",\"params\":{}}" },
        new object?[] { "v as a string", "{\"channel\":\"store-offers\",\"v\":\"1\",\"id\":\"g-1\",\"method\":\"getToken\",\"params\":{}}" },
        new object?[] { "id as a number", "{\"channel\":\"store-offers\",\"v\":1,\"id\":7,\"method\":\"getToken\",\"params\":{}}" },
        new object?[] { "empty id", "{\"channel\":\"store-offers\",\"v\":1,\"id\":\"\",\"method\":\"getToken\",\"params\":{}}" },
        new object?[] { "an id of 201 characters", Request("getToken", "{}", "\"" + new string('x', 201) + "\"") },
        new object?[] { "a response (a second answer echoed back)", "{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-1\",\"result\":{\"token\":\"x\"}}" },
        new object?[] { "an error response", "{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-1\",\"error\":{\"code\":\"internal\",\"message\":\"x\"}}" },
        new object?[] { "an event", "{\"channel\":\"store-offers\",\"v\":1,\"event\":\"account-changed\",\"data\":{}}" },
        new object?[] { "a request that also carries a result", "{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-1\",\"method\":\"getToken\",\"params\":{},\"result\":{}}" },
        new object?[] { "nested 1000 deep", Request("getToken", new string('[', 1000) + new string(']', 1000)) },
        new object?[] { "a 10 MB string", Request("purchase", "{\"productId\":\"" + new string('a', 10 * 1024 * 1024) + "\"}") },
        new object?[] { "truncated JSON", Request("getToken").Substring(0, 40) },
        new object?[] { "a lone surrogate", "{\"channel\":\"store-offers\",\"v\":1,\"id\":\"\\ud800\",\"method\":\"hello\",\"params\":{}" },
    };

    [Theory]
    [MemberData(nameof(Silent))]
    public async Task Stays_silent_on(string what, string? message)
    {
        using var dispatcher = Dispatcher();
        var reply = await dispatcher.HandleAsync(message);
        Assert.True(reply is null, $"{what}: {reply}");
    }

    public static IEnumerable<object[]> BadRequests => new[]
    {
        new object[] { "method as a number", "{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-1\",\"method\":5,\"params\":{}}", "bad-request" },
        new object[] { "params as an array", Request("getToken", "[]"), "bad-request" },
        new object[] { "forceRefresh as a string", Request("getToken", "{\"forceRefresh\":\"yes\"}"), "bad-request" },
        new object[] { "productIds as a string", Request("getProducts", "{\"productIds\":\"10x gold coins\"}"), "bad-request" },
        new object[] { "productIds empty", Request("getProducts", "{\"productIds\":[]}"), "bad-request" },
        new object[] { "productIds with a number", Request("getProducts", "{\"productIds\":[\"a\",1]}"), "bad-request" },
        new object[] { "productIds with an empty id", Request("getProducts", "{\"productIds\":[\"\"]}"), "bad-request" },
        new object[] { "productIds with 10 000 items", Request("getProducts", "{\"productIds\":[" + string.Join(",", Enumerable.Range(0, 10000).Select(i => $"\"p{i}\"")) + "]}"), "bad-request" },
        new object[] { "purchase without productId", Request("purchase", "{\"storeId\":\"9NBLGGH4TNMP\"}"), "bad-request" },
        new object[] { "purchase with productId null", Request("purchase", "{\"productId\":null}"), "bad-request" },
        new object[] { "purchase with a 900 KB productId", Request("purchase", "{\"productId\":\"" + new string('a', 900 * 1024) + "\"}"), "bad-request" },
        new object[] { "purchase with trackingId as an object", Request("purchase", "{\"productId\":\"a\",\"trackingId\":{}}"), "bad-request" },
        new object[] { "getStoreIdKey of another kind", Request("getStoreIdKey", "{\"kind\":\"license\",\"serviceTicket\":\"t\"}"), "bad-request" },
        new object[] { "getStoreIdKey without a ticket", Request("getStoreIdKey", "{\"kind\":\"collections\"}"), "bad-request" },
        new object[] { "an unknown method", Request("getOffers"), "unknown-method" },
        new object[] { "a method named like an object member", Request("__proto__"), "unknown-method" },
        new object[] { "a method in another case", Request("GetToken"), "unknown-method" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Answers_an_error_to(string what, string message, string code)
    {
        var native = new ScriptedNative
        {
            Token = _ => Task.FromResult(Token),
            Products = _ => throw new InvalidOperationException("must not be called"),
            Purchase = _ => throw new InvalidOperationException("must not be called"),
            Key = _ => throw new InvalidOperationException("must not be called"),
        };
        using var dispatcher = Dispatcher(native);
        var reply = await dispatcher.HandleAsync(message);
        var (actual, text) = ErrorOf(reply);
        Assert.True(code == actual, $"{what}: {reply}");
        Assert.True(text.Length <= 600, what);
        Assert.DoesNotContain(native.Calls, c => !c.StartsWith("getToken"));
        Assert.Equal("g-1", (string)JsonNode.Parse(reply!)!["id"]!);
    }

    [Fact]
    public async Task Missing_params_count_as_empty()
    {
        using var dispatcher = Dispatcher();
        var reply = await dispatcher.HandleAsync("{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-1\",\"method\":\"getToken\"}");
        Assert.Equal(Token, (string)JsonNode.Parse(reply!)!["result"]!["token"]!);
    }

    [Fact]
    public async Task A_second_copy_of_an_answered_request_is_not_answered_again()
    {
        var purchases = 0;
        var native = new ScriptedNative { Purchase = _ => { purchases++; return Task.FromResult(new PurchaseOutcome { Status = "Succeeded" }); } };
        using var dispatcher = Dispatcher(native);
        var message = Request("purchase", "{\"productId\":\"10x gold coins\"}");
        Assert.NotNull(await dispatcher.HandleAsync(message));
        Assert.Null(await dispatcher.HandleAsync(message));
        Assert.Equal(1, purchases);
    }

    [Fact]
    public async Task Hello_copies_are_each_answered()
    {
        using var dispatcher = Dispatcher();
        var hello = Request("hello", "{}", "\"h-1\"");
        var first = await dispatcher.HandleAsync(hello);
        var second = await dispatcher.HandleAsync(hello);
        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_copy_of_a_request_in_flight_is_ignored_and_a_second_purchase_is_busy()
    {
        var dialog = new TaskCompletionSource<PurchaseOutcome>();
        var native = new ScriptedNative { Purchase = _ => dialog.Task };
        using var dispatcher = Dispatcher(native);
        var first = dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"a\"}", "\"p-1\""));
        Assert.Null(await dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"a\"}", "\"p-1\"")));
        var (code, _) = ErrorOf(await dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"b\"}", "\"p-2\"")));
        Assert.Equal("busy", code);
        dialog.SetResult(new PurchaseOutcome { Status = "NotPurchased" });
        Assert.Equal("NotPurchased", (string)JsonNode.Parse((await first)!)!["result"]!["status"]!);
    }

    [Fact]
    public async Task Requests_are_answered_concurrently_while_a_purchase_dialog_is_open()
    {
        var dialog = new TaskCompletionSource<PurchaseOutcome>();
        var native = new ScriptedNative
        {
            Purchase = _ => dialog.Task,
            Token = _ => Task.FromResult(Token),
        };
        using var dispatcher = Dispatcher(native);
        var purchase = dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"a\"}", "\"p-1\""));
        var token = await dispatcher.HandleAsync(Request("getToken", "{}", "\"t-1\""));
        Assert.False(purchase.IsCompleted);
        Assert.Equal(Token, (string)JsonNode.Parse(token!)!["result"]!["token"]!);
        dialog.SetResult(new PurchaseOutcome { Status = "Succeeded" });
        Assert.NotNull(await purchase);
    }

    [Fact]
    public async Task An_unexpected_exception_is_internal_and_never_quotes_its_message()
    {
        var native = new ScriptedNative { Token = _ => throw new InvalidOperationException($"WAM failed for token {Token}") };
        using var dispatcher = Dispatcher(native);
        var reply = await dispatcher.HandleAsync(Request("getToken"));
        var (code, message) = ErrorOf(reply);
        Assert.Equal("internal", code);
        Assert.Matches("^InvalidOperationException 0x[0-9A-F]{8}$", message);
        Assert.DoesNotContain(Token, reply);
    }

    [Fact]
    public async Task A_native_exception_thrown_synchronously_is_answered_too()
    {
        var native = new ScriptedNative { Products = _ => throw new System.Runtime.InteropServices.COMException("boom", unchecked((int)0x80072EE7)) };
        using var dispatcher = Dispatcher(native);
        var (code, message) = ErrorOf(await dispatcher.HandleAsync(Request("getProducts", "{\"productIds\":[\"a\"]}")));
        Assert.Equal("internal", code);
        Assert.Equal("COMException 0x80072EE7", message);
    }

    [Fact]
    public async Task NotSupported_is_unknown_method()
    {
        using var dispatcher = Dispatcher(new ScriptedNative());
        var (code, message) = ErrorOf(await dispatcher.HandleAsync(Request("getStoreIdKey", "{\"kind\":\"purchase\",\"serviceTicket\":\"t\"}")));
        Assert.Equal("unknown-method", code);
        Assert.Equal("getStoreIdKey is not supported", message);
    }

    [Fact]
    public async Task A_code_that_is_not_kebab_case_becomes_internal()
    {
        var native = new ScriptedNative { Purchase = _ => throw new StoreOffersException("UserCancelled", "closed") };
        using var dispatcher = Dispatcher(native);
        var (code, _) = ErrorOf(await dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"a\"}")));
        Assert.Equal("internal", code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("Cancelled")]
    public async Task A_status_the_page_would_refuse_is_never_sent(string status)
    {
        var native = new ScriptedNative { Purchase = _ => Task.FromResult(new PurchaseOutcome { Status = status }) };
        using var dispatcher = Dispatcher(native);
        var (code, _) = ErrorOf(await dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"a\"}")));
        Assert.Equal("internal", code);
    }

    [Fact]
    public async Task Empty_optional_fields_and_products_without_title_are_left_out()
    {
        var native = new ScriptedNative
        {
            Products = _ => Task.FromResult<IReadOnlyList<ProductInfo>>(new[]
            {
                new ProductInfo { ProductId = "a", Title = "A", Description = null },
                new ProductInfo { ProductId = "b", Title = "" },
                null!,
            }),
            Purchase = _ => Task.FromResult(new PurchaseOutcome { Status = "Succeeded", OrderId = "", Receipt = null }),
        };
        using var dispatcher = Dispatcher(native);
        var products = await dispatcher.HandleAsync(Request("getProducts", "{\"productIds\":[\"a\",\"b\"]}"));
        Assert.Equal("{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-1\",\"result\":{\"products\":[{\"productId\":\"a\",\"title\":\"A\"}]}}", products);
        var purchase = await dispatcher.HandleAsync(Request("purchase", "{\"productId\":\"a\"}", "\"g-2\""));
        Assert.Equal("{\"channel\":\"store-offers\",\"v\":1,\"id\":\"g-2\",\"result\":{\"status\":\"Succeeded\"}}", purchase);
    }

    [Fact]
    public async Task Cancellation_is_answered_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var native = new ScriptedNative { Token = _ => { cancel.Cancel(); throw new OperationCanceledException(cancel.Token); } };
        using var dispatcher = Dispatcher(native);
        var (code, _) = ErrorOf(await dispatcher.HandleAsync(Request("getToken"), cancel.Token));
        Assert.Equal("cancelled", code);
    }

    [Fact]
    public async Task Known_mistake_messages_are_never_answered()
    {
        // The schema's known mistakes that are responses (PascalCase, numeric status, result and
        // error together, v 2 …): if a page or an echo sends them to the host, it stays silent.
        using var dispatcher = Dispatcher();
        foreach (var mistake in Vectors.File["invalid"]!.AsArray().Where(m => m!["inReplyTo"] is not null))
            Assert.Null(await dispatcher.HandleAsync(mistake!["message"]!.ToJsonString()));
    }

    [Fact]
    public async Task Known_mistake_requests_get_the_right_error()
    {
        var codes = new List<string>();
        foreach (var mistake in Vectors.File["invalid"]!.AsArray().Where(m => m!["inReplyTo"] is null))
        {
            using var dispatcher = Dispatcher();
            codes.Add(ErrorOf(await dispatcher.HandleAsync(mistake!["message"]!.ToJsonString())).Code);
        }
        // "an unknown method", "purchase without productId"
        Assert.Equal(new[] { "unknown-method", "bad-request" }, codes);
    }
}
