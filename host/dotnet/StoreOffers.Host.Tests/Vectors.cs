using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace StoreOffers.Host.Tests;

/// <summary>Reads test/fixtures/protocol-vectors*.json (copied next to the test assembly).</summary>
internal static class Vectors
{
    private static readonly Lazy<JsonObject> Main = new(() => Load("protocol-vectors.json"));
    private static readonly Lazy<JsonObject> Additions = new(() => Load("protocol-vectors.additions.json"));

    public static JsonObject File => Main.Value;
    public static JsonObject AdditionsFile => Additions.Value;

    public static JsonObject Named(string name) =>
        File["vectors"]!.AsArray().Select(v => v!.AsObject()).Single(v => (string)v["name"]! == name);

    public static IEnumerable<object[]> Names(JsonObject file, string list = "vectors") =>
        file[list]!.AsArray().Select(v => new object[] { (string)v!["name"]! });

    public static JsonObject Find(JsonObject file, string name, string list = "vectors") =>
        file[list]!.AsArray().Select(v => v!.AsObject()).Single(v => (string)v["name"]! == name);

    private static JsonObject Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", name);
        return JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject();
    }
}
