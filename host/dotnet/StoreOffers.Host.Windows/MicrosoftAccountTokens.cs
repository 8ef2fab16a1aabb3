using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using global::Windows.Security.Authentication.Web.Core;
using global::Windows.Security.Credentials;

namespace StoreOffers.Host.Windows;

/// <summary>
/// The MSA token for the targeted offers API through the Web Account Manager
/// (<c>https://login.microsoft.com</c>, authority <c>consumers</c>, scope
/// <c>devcenter_implicit.basic,wl.basic</c>), the signed-in account as an opaque hash, and
/// <see cref="WebAccountMonitor"/> → <see cref="AccountChanged"/>. A forced refresh first removes
/// the rejected token from WAM's cache (<c>WebTokenRequestResult.InvalidateCacheAsync</c>);
/// without that, WAM can hand the same token back.
/// Microsoft documents this route for UWP apps; whether the Store accepts such a token from a
/// packaged desktop app is not documented (unverified).
/// </summary>
public sealed class MicrosoftAccountTokens : IDisposable
{
    private const string ProviderId = "https://login.microsoft.com";
    private const string Authority = "consumers";

    private readonly IntPtr _window;
    private readonly SynchronizationContext? _ui;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebTokenRequestResult? _last;
    private WebAccount? _account;
    private string? _accountId;
    private WebAccountMonitor? _monitor;
    private bool _known;

    /// <summary>Creates the token source. Call it on the UI thread.</summary>
    /// <param name="windowHandle">The desktop app's window (for the sign-in dialog); <see cref="IntPtr.Zero"/> in a UWP app.</param>
    public MicrosoftAccountTokens(IntPtr windowHandle)
    {
        _window = windowHandle;
        _ui = SynchronizationContext.Current;
    }

    /// <summary>The signed-in account changed (another user, or signed out).</summary>
    public event EventHandler<AccountChangedEventArgs>? AccountChanged;

    /// <summary>A token; <paramref name="forceRefresh"/> after the Store answered 401.</summary>
    public async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (forceRefresh && _last is not null)
            {
                await _last.InvalidateCacheAsync();
                _last = null;
            }
            var request = await NewRequestAsync().ConfigureAwait(false);
            var result = _account is null
                ? await WebAuthenticationCoreManager.GetTokenSilentlyAsync(request)
                : await WebAuthenticationCoreManager.GetTokenSilentlyAsync(request, _account);
            if (result.ResponseStatus == WebTokenRequestStatus.UserInteractionRequired)
                result = await UiThread.RunAsync(_ui, () => RequestInteractiveAsync(request)).ConfigureAwait(false);
            switch (result.ResponseStatus)
            {
                case WebTokenRequestStatus.Success:
                    var response = result.ResponseData[0];
                    _last = result;
                    Track(response.WebAccount);
                    return response.Token;
                case WebTokenRequestStatus.UserCancel:
                    throw new StoreOffersException(HostErrorCodes.NotSignedIn, "The user dismissed the sign-in");
                default:
                    var code = result.ResponseError?.ErrorCode ?? 0;
                    throw new StoreOffersException(HostErrorCodes.TokenUnavailable, $"WebTokenRequestStatus.{result.ResponseStatus} 0x{code:X8}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The opaque account id (SHA-256 of the provider and <c>WebAccount.Id</c>), or null when nobody is signed in. Never shows UI.</summary>
    public async Task<string?> GetAccountAsync(CancellationToken cancellationToken)
    {
        if (_accountId is not null) return _accountId;
        try
        {
            var request = await NewRequestAsync().ConfigureAwait(false);
            var result = await WebAuthenticationCoreManager.GetTokenSilentlyAsync(request);
            if (result.ResponseStatus == WebTokenRequestStatus.Success) Track(result.ResponseData[0].WebAccount);
        }
        catch (Exception)
        {
            // No provider, no network: nobody known to be signed in.
        }
        return _accountId;
    }

    /// <summary>Stops watching the account.</summary>
    public void Dispose() => StopMonitor();

    private static async Task<WebTokenRequest> NewRequestAsync()
    {
        var provider = await WebAuthenticationCoreManager.FindAccountProviderAsync(ProviderId, Authority);
        if (provider is null) throw new StoreOffersException(HostErrorCodes.TokenUnavailable, "No Microsoft account provider");
        return new WebTokenRequest(provider, HostProtocol.TokenScope);
    }

    private async Task<WebTokenRequestResult> RequestInteractiveAsync(WebTokenRequest request) =>
        _window == IntPtr.Zero
            ? await WebAuthenticationCoreManager.RequestTokenAsync(request)
            // Desktop apps have no CoreWindow: the sign-in dialog needs the app's window.
            : await WebAuthenticationCoreManagerInterop.RequestTokenForWindowAsync(_window, request);

    private void Track(WebAccount? account)
    {
        var id = account is null ? null : Hash(account);
        if (id == _accountId) return;
        _account = account;
        // The first answer only tells who is signed in; later differences are changes.
        var changed = _known;
        _known = true;
        _accountId = id;
        StopMonitor();
        if (account is not null)
        {
            _monitor = WebAuthenticationCoreManager.CreateWebAccountMonitor(new[] { account });
            _monitor.Removed += OnRemoved;
            _monitor.DefaultSignInAccountChanged += OnDefaultChanged;
        }
        if (changed) Raise(id);
    }

    private void OnRemoved(WebAccountMonitor sender, WebAccountEventArgs args)
    {
        try
        {
            _last = null;
            _account = null;
            _accountId = null;
            StopMonitor();
            Raise(null);
        }
        catch (Exception)
        {
            // An event handler: never let an exception escape to WinRT.
        }
    }

    private async void OnDefaultChanged(WebAccountMonitor sender, object args)
    {
        try
        {
            var before = _accountId;
            _last = null;
            _account = null;
            _accountId = null;
            var after = await GetAccountAsync(CancellationToken.None).ConfigureAwait(false);
            if (after != before) Raise(after);
        }
        catch (Exception)
        {
            // async void event handler: catches everything.
        }
    }

    private void Raise(string? account) => AccountChanged?.Invoke(this, new AccountChangedEventArgs(account));

    private void StopMonitor()
    {
        if (_monitor is null) return;
        _monitor.Removed -= OnRemoved;
        _monitor.DefaultSignInAccountChanged -= OnDefaultChanged;
        _monitor = null;
    }

    private static string Hash(WebAccount account)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes($"{account.WebAccountProvider?.Id}|{account.Id}"));
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes) text.Append(b.ToString("x2"));
        return text.ToString();
    }
}
