using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StoreOffers.Host.Internal;

namespace StoreOffers.Host;

/// <summary>
/// The native half of the host protocol: takes one message from the page and answers it. It never
/// throws to its transport, stays silent on anything that is not a request on the
/// <c>store-offers</c> channel (v 1), validates params, and turns every failure into
/// <c>{ "error": { "code", "message" } }</c> without a secret in the message.
/// Host → page events (<c>account-changed</c>) come out of <see cref="HostEvent"/>.
/// </summary>
public sealed class StoreOffersDispatcher : IDisposable
{
    private const int MaxIdLength = 200;
    private const int MaxStringLength = 4096;
    private const int MaxProductIds = 256;
    private const int RememberedIds = 512;
    private const int MaxErrorMessageLength = 500;

    private static readonly string[] AllMethods =
    {
        HostProtocol.Methods.Hello, HostProtocol.Methods.GetToken, HostProtocol.Methods.GetProducts,
        HostProtocol.Methods.Purchase, HostProtocol.Methods.GetStoreIdKey, HostProtocol.Methods.StoreRequest,
        HostProtocol.Methods.GetAccount, HostProtocol.Methods.TakePurchases, HostProtocol.Methods.AckPurchase,
    };

    private readonly IStoreOffersNative _native;
    private readonly StoreOffersDispatcherOptions _options;
    private readonly HashSet<string> _methods;
    private readonly object _lock = new();
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly Queue<string> _answeredOrder = new();
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private string? _purchaseInFlight;
    private bool _disposed;

    /// <summary>Answers for <paramref name="native"/>.</summary>
    public StoreOffersDispatcher(IStoreOffersNative native, StoreOffersDispatcherOptions? options = null)
    {
        _native = native ?? throw new ArgumentNullException(nameof(native));
        _options = options ?? new StoreOffersDispatcherOptions();
        _methods = new HashSet<string>(AllMethods.Where(IsImplemented), StringComparer.Ordinal);
        _native.AccountChanged += OnAccountChanged;
    }

    /// <summary>A host → page message to post (its JSON), such as <c>account-changed</c>.</summary>
    public event EventHandler<HostEventArgs>? HostEvent;

    /// <summary>The methods <c>hello</c> announces, in protocol order.</summary>
    public IReadOnlyList<string> AnnouncedMethods =>
        AllMethods.Where(m => m != HostProtocol.Methods.Hello && _methods.Contains(m)).ToList();

    /// <summary>
    /// Answers one message. Returns the response JSON to post back, or null when the message gets no
    /// answer (not ours, garbage, a response, a repeated id). Never throws.
    /// </summary>
    public async Task<string?> HandleAsync(string? message, CancellationToken cancellationToken = default)
    {
        string? id = null;
        string? method = null;
        var claimed = false;
        try
        {
            if (message is null || message.Length == 0 || message.Length > _options.MaxMessageLength) return null;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException)
            {
                return null;
            }
            using (document)
            {
                var root = document.RootElement;
                if (!IsOurRequest(root, out id)) return null;
                var methodElement = root.GetProperty("method");
                if (methodElement.ValueKind != JsonValueKind.String)
                    return Error(id!, HostErrorCodes.BadRequest, "method must be a string");
                method = methodElement.GetString()!;
                if (!claimed && !Claim(id!, method)) return null;
                claimed = true;
                JsonElement parameters;
                if (!root.TryGetProperty("params", out parameters)) parameters = default;
                else if (parameters.ValueKind != JsonValueKind.Object)
                    return Error(id!, HostErrorCodes.BadRequest, "params must be an object");
                var result = await InvokeAsync(method, new Params(parameters), cancellationToken).ConfigureAwait(false);
                return Serialize(new ResponseMessage { Id = id!, Result = result });
            }
        }
        catch (Exception exception)
        {
            if (id is null) return null;
            try
            {
                var (code, text) = Describe(exception, method);
                return Error(id, code, text);
            }
            catch
            {
                return null;
            }
        }
        finally
        {
            if (claimed) Release(id!, method!);
        }
    }

    /// <summary>Stops posting events (and disposes the native store when <see cref="StoreOffersDispatcherOptions.OwnsNative"/>).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _native.AccountChanged -= OnAccountChanged;
        if (_options.OwnsNative) (_native as IDisposable)?.Dispose();
    }

    private bool IsImplemented(string method)
    {
        if (_options.Methods is not null && !_options.Methods.Contains(method)) return false;
        if (method == HostProtocol.Methods.StoreRequest) return _options.Store is not null;
        if (method == HostProtocol.Methods.TakePurchases || method == HostProtocol.Methods.AckPurchase) return _options.Journal is not null;
        return true;
    }

    private static bool IsOurRequest(JsonElement root, out string? id)
    {
        id = null;
        if (root.ValueKind != JsonValueKind.Object) return false;
        if (!root.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.String || channel.GetString() != HostProtocol.Channel) return false;
        if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != HostProtocol.Version) return false;
        if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String) return false;
        var text = idElement.GetString()!;
        if (text.Length == 0 || text.Length > MaxIdLength) return false;
        // A response or an event (an echo of our own post, or a page misbehaving) is never answered.
        if (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _) || root.TryGetProperty("event", out _)) return false;
        if (!root.TryGetProperty("method", out _)) return false;
        id = text;
        return true;
    }

    // One answer per request: a copy of an id in flight or already answered is ignored, except
    // hello, which the page repeats with the same id until it hears back (no side effects).
    private bool Claim(string id, string method)
    {
        if (method == HostProtocol.Methods.Hello) return true;
        lock (_lock)
        {
            if (_inFlight.Contains(id) || _answered.Contains(id)) return false;
            _inFlight.Add(id);
            return true;
        }
    }

    private void Release(string id, string method)
    {
        if (method == HostProtocol.Methods.Hello) return;
        lock (_lock)
        {
            _inFlight.Remove(id);
            if (_answered.Add(id))
            {
                _answeredOrder.Enqueue(id);
                if (_answeredOrder.Count > RememberedIds) _answered.Remove(_answeredOrder.Dequeue());
            }
        }
    }

    private async Task<object> InvokeAsync(string method, Params parameters, CancellationToken cancellationToken)
    {
        if (!_methods.Contains(method))
            throw new StoreOffersException(HostErrorCodes.UnknownMethod, $"{Printable(method)} is not supported");
        switch (method)
        {
            case HostProtocol.Methods.Hello:
                return new HelloResult { Methods = AnnouncedMethods, App = _options.App };

            case HostProtocol.Methods.GetToken:
            {
                var forceRefresh = parameters.OptionalBool("forceRefresh") ?? false;
                var token = await _native.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(token)) throw new StoreOffersException(HostErrorCodes.TokenUnavailable, "No token was returned");
                return new TokenResult { Token = token };
            }

            case HostProtocol.Methods.GetProducts:
            {
                var ids = parameters.RequiredStringArray("productIds", MaxProductIds);
                var products = await _native.GetProductsAsync(ids, cancellationToken).ConfigureAwait(false);
                return new ProductsResult
                {
                    Products = (products ?? Array.Empty<ProductInfo>())
                        .Where(p => p is not null && !string.IsNullOrEmpty(p.ProductId) && !string.IsNullOrEmpty(p.Title))
                        .ToList(),
                };
            }

            case HostProtocol.Methods.Purchase:
                return await PurchaseAsync(parameters, cancellationToken).ConfigureAwait(false);

            case HostProtocol.Methods.GetStoreIdKey:
            {
                var kindText = parameters.RequiredString("kind");
                StoreIdKeyKind kind = kindText switch
                {
                    "collections" => StoreIdKeyKind.Collections,
                    "purchase" => StoreIdKeyKind.Purchase,
                    _ => throw new StoreOffersException(HostErrorCodes.BadRequest, "kind must be \"collections\" or \"purchase\""),
                };
                var request = new StoreIdKeyRequest
                {
                    Kind = kind,
                    ServiceTicket = parameters.RequiredString("serviceTicket", MaxStringLength * 4),
                    PublisherUserId = parameters.OptionalString("publisherUserId"),
                };
                var key = await _native.GetStoreIdKeyAsync(request, cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(key))
                {
                    var api = kind == StoreIdKeyKind.Collections ? "GetCustomerCollectionsIdAsync" : "GetCustomerPurchaseIdAsync";
                    throw new StoreOffersException(HostErrorCodes.BadRequest, $"{api} returned an empty key");
                }
                return new KeyResult { Key = key };
            }

            case HostProtocol.Methods.StoreRequest:
            {
                var verb = parameters.RequiredString("method");
                if (verb != "GET" && verb != "POST") throw new StoreOffersException(HostErrorCodes.BadRequest, "method must be \"GET\" or \"POST\"");
                var body = parameters.OptionalString("body", StoreRequestClient.MaxBodyLength);
                if (verb == "GET" && body is not null) throw new StoreOffersException(HostErrorCodes.BadRequest, "a GET has no body");
                var forceRefresh = parameters.OptionalBool("forceRefresh") ?? false;
                var token = await _native.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrEmpty(token)) throw new StoreOffersException(HostErrorCodes.TokenUnavailable, "No token was returned");
                return await _options.Store!.SendAsync(verb, body, token, cancellationToken).ConfigureAwait(false);
            }

            case HostProtocol.Methods.GetAccount:
                return new AccountResult { Account = await _native.GetAccountAsync(cancellationToken).ConfigureAwait(false) };

            case HostProtocol.Methods.TakePurchases:
            {
                var account = await _native.GetAccountAsync(cancellationToken).ConfigureAwait(false);
                var pending = await _options.Journal!.PendingAsync(account, cancellationToken).ConfigureAwait(false);
                return new PurchasesResult { Purchases = pending.Select(TakenPurchase.From).ToList() };
            }

            case HostProtocol.Methods.AckPurchase:
            {
                var purchaseId = parameters.RequiredString("purchaseId", MaxIdLength);
                await _options.Journal!.AcknowledgeAsync(purchaseId, cancellationToken).ConfigureAwait(false);
                return new EmptyResult();
            }

            default:
                throw new StoreOffersException(HostErrorCodes.UnknownMethod, $"{Printable(method)} is not supported");
        }
    }

    private async Task<object> PurchaseAsync(Params parameters, CancellationToken cancellationToken)
    {
        var productId = parameters.RequiredString("productId");
        var trackingId = parameters.OptionalString("trackingId", MaxIdLength);
        lock (_lock)
        {
            if (_purchaseInFlight is not null)
                throw new StoreOffersException(HostErrorCodes.Busy, "Another purchase dialog is open");
            _purchaseInFlight = productId;
        }
        try
        {
            string? account = null;
            if (_options.Journal is not null)
            {
                try { account = await _native.GetAccountAsync(cancellationToken).ConfigureAwait(false); }
                catch (Exception) { account = null; }
            }
            var outcome = await _native.PurchaseAsync(productId, cancellationToken).ConfigureAwait(false)
                ?? throw new StoreOffersException(HostErrorCodes.Internal, "The purchase returned no outcome");
            if (!PurchaseStatuses.IsKnown(outcome.Status))
                throw new StoreOffersException(HostErrorCodes.Internal, "The purchase returned an unknown status");
            string? purchaseId = null;
            if (_options.Journal is not null)
            {
                // Written before the answer. The user may have paid, so a journal that cannot be
                // written never turns the outcome into an error: the page still gets it.
                try
                {
                    purchaseId = (await _options.Journal.RecordAsync(productId, trackingId, account, outcome, CancellationToken.None).ConfigureAwait(false)).PurchaseId;
                }
                catch (Exception)
                {
                    purchaseId = null;
                }
            }
            return new PurchaseResult
            {
                Status = outcome.Status, OrderId = NullIfEmpty(outcome.OrderId), Receipt = NullIfEmpty(outcome.Receipt),
                ExtendedJsonData = NullIfEmpty(outcome.ExtendedJsonData), PurchaseId = purchaseId,
            };
        }
        finally
        {
            lock (_lock) _purchaseInFlight = null;
        }
    }

    private void OnAccountChanged(object? sender, AccountChangedEventArgs e)
    {
        try
        {
            if (_disposed) return;
            var json = Serialize(new EventMessage
            {
                Event = HostProtocol.Events.AccountChanged,
                Data = new AccountResult { Account = e?.Account },
            });
            HostEvent?.Invoke(this, new HostEventArgs(HostProtocol.Events.AccountChanged, json));
        }
        catch (Exception)
        {
            // An event handler of the app failed; the native side must not see it.
        }
    }

    private static (string Code, string Message) Describe(Exception exception, string? method)
    {
        switch (exception)
        {
            case StoreOffersException known:
                return (IsKebab(known.Code) ? known.Code : HostErrorCodes.Internal, Truncate(known.Message));
            case NotSupportedException:
            case NotImplementedException:
                return (HostErrorCodes.UnknownMethod, $"{Printable(method ?? "")} is not supported");
            case OperationCanceledException:
                return (HostErrorCodes.Cancelled, "The request was cancelled");
            default:
                // The type and HRESULT only: an exception's text may quote a token or a ticket.
                return (HostErrorCodes.Internal, $"{exception.GetType().Name} 0x{exception.HResult:X8}");
        }
    }

    private static string Error(string id, string code, string message) =>
        Serialize(new ResponseMessage { Id = id, Error = new HostError { Code = code, Message = message } });

    private static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json.Options);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Truncate(string text) => text.Length <= MaxErrorMessageLength ? text : text.Substring(0, MaxErrorMessageLength) + "…";

    private static string Printable(string method) => method.Length <= 64 ? method : method.Substring(0, 64) + "…";

    private static bool IsKebab(string code)
    {
        if (code.Length == 0 || code.Length > 64 || code[0] == '-' || code[code.Length - 1] == '-') return false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && code[i - 1] != '-');
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>Reads and validates request params; every failure is <c>bad-request</c>.</summary>
    private readonly struct Params
    {
        private readonly JsonElement _element;

        public Params(JsonElement element) => _element = element;

        private bool TryGet(string name, out JsonElement value)
        {
            value = default;
            return _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out value);
        }

        public bool? OptionalBool(string name)
        {
            if (!TryGet(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} must be a boolean"),
            };
        }

        public string RequiredString(string name, int maxLength = MaxStringLength) =>
            OptionalString(name, maxLength) is { Length: > 0 } text
                ? text
                : throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} is required");

        public string? OptionalString(string name, int maxLength = MaxStringLength)
        {
            if (!TryGet(name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.String) throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} must be a string");
            var text = value.GetString()!;
            if (text.Length > maxLength) throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} is too long");
            return text;
        }

        public IReadOnlyList<string> RequiredStringArray(string name, int maxItems)
        {
            if (!TryGet(name, out var value) || value.ValueKind != JsonValueKind.Array)
                throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} must be an array of strings");
            var length = value.GetArrayLength();
            if (length == 0) throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} is empty");
            if (length > maxItems) throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} has too many items");
            var items = new List<string>(length);
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= MaxStringLength } text)
                    throw new StoreOffersException(HostErrorCodes.BadRequest, $"{name} must be an array of non-empty strings");
                if (!items.Contains(text)) items.Add(text);
            }
            return items;
        }
    }
}
