using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreOffers.Host.Tests;

/// <summary>
/// The order id in ExtendedJsonData, on the shape of Microsoft's published schema
/// (StoreProduct.ExtendedJsonData.json: DisplaySkuAvailabilities[i].Sku.CollectionData.orderId;
/// StoreCollectionData.ExtendedJsonData: the CollectionData object). Microsoft publishes no filled-in
/// sample: the field values in the vectors are synthetic, the structure is the schema's.
/// </summary>
public sealed class ExtendedJsonDataTests
{
    private static string VectorJson(string name) =>
        (string)Vectors.Named(name)["response"]!["result"]!["extendedJsonData"]!;

    [Fact]
    public void Finds_the_order_id_in_the_whole_StoreProduct()
    {
        Assert.Equal("5f0c3a71-9b2e-4d6c-a8f1-3e7b9d2c4a60",
            ExtendedJsonData.FindOrderId(VectorJson("purchase: Succeeded with StoreProduct.ExtendedJsonData (the page finds the orderId)")));
    }

    [Fact]
    public void Finds_the_order_id_in_a_bare_CollectionData()
    {
        Assert.Equal("e41a7c9d-2b5f-4c8e-9a13-6d0f2b8c5e71",
            ExtendedJsonData.FindOrderId(VectorJson("purchase: Succeeded with StoreCollectionData.ExtendedJsonData (bare CollectionData)")));
    }

    [Fact]
    public void Takes_the_first_sku_that_has_one()
    {
        var product = JsonNode.Parse(VectorJson("purchase: Succeeded with StoreProduct.ExtendedJsonData (the page finds the orderId)"))!.AsObject();
        var skus = product["DisplaySkuAvailabilities"]!.AsArray();
        var owned = skus[0]!.DeepClone();
        skus[0]!["Sku"]!.AsObject().Remove("CollectionData");
        skus.Add(owned);
        Assert.Equal("5f0c3a71-9b2e-4d6c-a8f1-3e7b9d2c4a60", ExtendedJsonData.FindOrderId(product.ToJsonString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"5f0c3a71\"")]
    [InlineData("{\"orderId\":42}")]
    [InlineData("{\"orderId\":\"\"}")]
    [InlineData("{\"DisplaySkuAvailabilities\":{}}")]
    [InlineData("{\"DisplaySkuAvailabilities\":[null,1,{\"Sku\":null},{\"Sku\":{\"CollectionData\":[]}}]}")]
    [InlineData("{\"ProductId\":\"9NBLGGH4TNMP\",\"DisplaySkuAvailabilities\":[{\"Sku\":{\"SkuId\":\"0010\"}}]}")]
    public void Has_none_in(string? json) => Assert.Null(ExtendedJsonData.FindOrderId(json));

    [Fact]
    public void Survives_deep_nesting()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500);
        Assert.Null(ExtendedJsonData.FindOrderId(deep));
    }
}
