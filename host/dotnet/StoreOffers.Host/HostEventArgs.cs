using System;

namespace StoreOffers.Host;

/// <summary>A host → page event ready to post.</summary>
public sealed class HostEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public HostEventArgs(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>The event name, such as <c>account-changed</c>.</summary>
    public string Name { get; }

    /// <summary>The whole message (<c>{ "channel", "v", "event", "data" }</c>) as JSON.</summary>
    public string Json { get; }
}
