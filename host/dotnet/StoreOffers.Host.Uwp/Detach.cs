using System;
using System.Threading;

namespace StoreOffers.Host.Uwp;

/// <summary>Runs an action once when disposed.</summary>
internal sealed class Detach : IDisposable
{
    private Action? _action;

    public Detach(Action action) => _action = action;

    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
