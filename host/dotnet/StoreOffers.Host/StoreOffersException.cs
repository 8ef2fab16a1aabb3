using System;

namespace StoreOffers.Host;

/// <summary>
/// An error the host answers with: <c>{ "error": { "code": Code, "message": Message } }</c>.
/// Throw it from <see cref="IStoreOffersNative"/>. The message is shown to the app's developers:
/// never put a token, a service ticket or a key in it.
/// </summary>
public sealed class StoreOffersException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="code">A kebab-case code, preferably one of <see cref="HostErrorCodes"/>.</param>
    /// <param name="message">For developers; no secrets.</param>
    /// <param name="innerException">The cause, kept for the app's own diagnostics (never sent).</param>
    public StoreOffersException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
    }

    /// <summary>The kebab-case error code.</summary>
    public string Code { get; }
}
